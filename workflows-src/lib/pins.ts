import { TOOLCHAIN } from '../../project/toolchain.js';

/**
 * Every action the workflows use, pinned to the commit of a verified release tag. Generated
 * YAML writes `owner/repo@<sha> # <tag>`; upgrade by changing both here and re-generating.
 */
export const PINS = {
  checkout: { repo: 'actions/checkout', sha: '3d3c42e5aac5ba805825da76410c181273ba90b1', tag: 'v7.0.1' },
  cache: { repo: 'actions/cache', sha: '27d5ce7f107fe9357f9df03efb73ab90386fccae', tag: 'v5.0.5' },
  setupNode: { repo: 'actions/setup-node', sha: '820762786026740c76f36085b0efc47a31fe5020', tag: 'v7.0.0' },
  uploadArtifact: { repo: 'actions/upload-artifact', sha: 'bbbca2ddaa5d8feaa63e36b76fdaad77386f024f', tag: 'v7.0.0' },
  downloadArtifact: {
    repo: 'actions/download-artifact',
    sha: '3e5f45b2cfb9172054b4087a40e8e0b5a5461e7c',
    tag: 'v8.0.1',
  },
  githubScript: { repo: 'actions/github-script', sha: 'ed597411d8f924073f98dfc5c65a23a2325f34cd', tag: 'v8.0.0' },
  setupBuildx: { repo: 'docker/setup-buildx-action', sha: '37fe631027851001ddb9b187196cc803df7f5f0e', tag: 'v4.3.0' },
  setupTrivy: { repo: 'aquasecurity/setup-trivy', sha: '81e514348e19b6112ce2a7e3ecbafe19c1e1f567', tag: 'v0.3.1' },
  trivy: { repo: 'aquasecurity/trivy-action', sha: 'ed142fd0673e97e23eac54620cfb913e5ce36c25', tag: 'v0.36.0' },
  setupMinikube: { repo: 'medyagh/setup-minikube', sha: 'e9e035a86bbc3caea26a450bd4dbf9d0c453682e', tag: 'v0.0.21' },
  setupHelm: { repo: 'Azure/setup-helm', sha: '9bc31f4ebc9c6b171d7bfbaa5d006ae7abdb4310', tag: 'v5.0.1' },
  login: { repo: 'docker/login-action', sha: '4907a6ddec9925e35a0a9e82d7399ccc52663121', tag: 'v4.1.0' },
  dependencyReview: {
    repo: 'actions/dependency-review-action',
    sha: '2031cfc080254a8a887f58cffee85186f0e49e48',
    tag: 'v4.9.0',
  },
  cosignInstaller: {
    repo: 'sigstore/cosign-installer',
    sha: '6f9f17788090df1f26f669e9d70d6ae9567deba6',
    tag: 'v4.1.2',
  },
  attestProvenance: {
    repo: 'actions/attest-build-provenance',
    sha: 'a2bbfa25375fe432b6a289bc6b6cd05ecd0c4c32',
    tag: 'v4.1.0',
  },
  uploadSarif: {
    repo: 'github/codeql-action/upload-sarif',
    sha: '8aad20d150bbac5944a9f9d289da16a4b0d87c1e',
    tag: 'v4.36.2',
  },
} as const;

export type PinName = keyof typeof PINS;

export const uses = (name: PinName): string => `${PINS[name].repo}@${PINS[name].sha}`;

/** Go tools the jobs install with `go install` (Go is on GitHub's runner; these are not), at toolchain.env's versions. */
export const GO_TOOLS = {
  actionlint: { module: 'github.com/rhysd/actionlint/cmd/actionlint', version: TOOLCHAIN.ACTIONLINT_VERSION },
  kubeconform: { module: 'github.com/yannh/kubeconform/cmd/kubeconform', version: TOOLCHAIN.KUBECONFORM_VERSION },
  'helm-docs': { module: 'github.com/norwoodj/helm-docs/cmd/helm-docs', version: TOOLCHAIN.HELM_DOCS_VERSION },
} as const;

/** Python tools the jobs install from PyPI, each into a virtual environment of its own. */
export const PYPI_TOOLS = {
  zizmor: { version: TOOLCHAIN.ZIZMOR_VERSION },
} as const;
