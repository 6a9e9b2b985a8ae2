/**
 * Every action the workflows use, pinned to the commit of a verified release tag. Generated
 * YAML writes `owner/repo@<sha> # <tag>`; upgrade by changing both here and re-generating.
 */
export const PINS = {
  checkout: { repo: 'actions/checkout', sha: '3d3c42e5aac5ba805825da76410c181273ba90b1', tag: 'v7.0.1' },
  setupNode: { repo: 'actions/setup-node', sha: '820762786026740c76f36085b0efc47a31fe5020', tag: 'v7.0.0' },
  uploadArtifact: { repo: 'actions/upload-artifact', sha: 'bbbca2ddaa5d8feaa63e36b76fdaad77386f024f', tag: 'v7.0.0' },
} as const;

export type PinName = keyof typeof PINS;

export const uses = (name: PinName): string => `${PINS[name].repo}@${PINS[name].sha}`;
