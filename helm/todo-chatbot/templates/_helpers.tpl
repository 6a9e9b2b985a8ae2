{{/* Names, labels and shared snippets: every resource takes its name and labels from here. */}}

{{- define "todo-chatbot.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "todo-chatbot.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* The name of one component's resources: <fullname>-<component>. */}}
{{- define "todo-chatbot.componentName" -}}
{{- printf "%s-%s" (include "todo-chatbot.fullname" .root | trunc 52 | trimSuffix "-") .component }}
{{- end }}

{{- define "todo-chatbot.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Selector labels of one component; call with (dict "root" $ "component" "backend"). */}}
{{- define "todo-chatbot.selectorLabels" -}}
app.kubernetes.io/name: {{ include "todo-chatbot.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{- define "todo-chatbot.labels" -}}
helm.sh/chart: {{ include "todo-chatbot.chart" .root }}
{{ include "todo-chatbot.selectorLabels" . }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/part-of: todo-chatbot
{{- end }}

{{- define "todo-chatbot.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "todo-chatbot.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "todo-chatbot.secretName" -}}
{{- default (include "todo-chatbot.fullname" .) .Values.secrets.existingSecret }}
{{- end }}

{{/* repository:tag, and @digest when one is given: then the digest alone decides what runs. */}}
{{- define "todo-chatbot.image" -}}
{{- $ref := printf "%s:%s" .image.repository (default .root.Chart.AppVersion .image.tag) }}
{{- if .image.digest }}{{ printf "%s@%s" $ref .image.digest }}{{ else }}{{ $ref }}{{ end }}
{{- end }}

{{- define "todo-chatbot.publicUrl" -}}
{{- if .Values.publicUrl }}
{{- .Values.publicUrl | trimSuffix "/" }}
{{- else }}
{{- printf "%s://%s" (ternary "https" "http" .Values.ingress.tls.enabled) .Values.ingress.host }}
{{- end }}
{{- end }}

{{/* The API's address inside the cluster, fully qualified: nginx's resolver ignores search domains. */}}
{{- define "todo-chatbot.backendUrl" -}}
{{- printf "http://%s.%s.svc.cluster.local:8000" (include "todo-chatbot.componentName" (dict "root" . "component" "backend")) .Release.Namespace }}
{{- end }}

{{/* Pod Security "restricted", for pods and for containers. */}}
{{- define "todo-chatbot.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .uid }}
runAsGroup: {{ .uid }}
fsGroup: {{ .uid }}
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{- define "todo-chatbot.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
runAsNonRoot: true
capabilities:
  drop: [ALL]
{{- end }}

{{/*
Where a component's pods may run: its nodeSelector, affinity, tolerations and topology spread.
A spread constraint without a labelSelector counts this component's own pods, and in a Deployment
only those of one rollout (pod-template-hash), so a rolling update is not held by the old pods.
Call with (dict "root" $ "component" "backend" "values" .Values.backend "rollout" true).
*/}}
{{- define "todo-chatbot.scheduling" -}}
{{- $spec := dict }}
{{- range $key := list "nodeSelector" "affinity" "tolerations" }}
{{- with get $.values $key }}{{ $_ := set $spec $key . }}{{ end }}
{{- end }}
{{- $constraints := list }}
{{- range .values.topologySpreadConstraints }}
{{- $constraint := deepCopy . }}
{{- if not (hasKey $constraint "labelSelector") }}
{{- $_ := set $constraint "labelSelector" (dict "matchLabels" (include "todo-chatbot.selectorLabels" $ | fromYaml)) }}
{{- if and $.rollout (not (hasKey $constraint "matchLabelKeys")) }}
{{- $_ := set $constraint "matchLabelKeys" (list "pod-template-hash") }}
{{- end }}
{{- end }}
{{- $constraints = append $constraints $constraint }}
{{- end }}
{{- with $constraints }}{{ $_ := set $spec "topologySpreadConstraints" . }}{{ end }}
{{- with $spec }}{{ toYaml . }}{{ end }}
{{- end }}
