/**
 * The Node.js version a version file asks for: .nvmrc and .node-version hold one version
 * (`22`, `v22.12.0`), .tool-versions a `nodejs` line. Aliases such as `lts/*` or `node` need the
 * release index from nodejs.org, which a runner without the internet does not have.
 */
export function versionFromFile(name: string, text: string): string {
  const toolVersions = /^nodejs\s+(\S+)/m.exec(text)?.[1];
  const line = name.endsWith('.tool-versions')
    ? toolVersions
    : text
        .split('\n')
        .map((l) => l.replace(/#.*/, '').trim())
        .find(Boolean);
  if (!line) throw new Error(`${name} names no Node.js version`);
  const version = line.replace(/^v(?=\d)/, '');
  if (!/^\d+(\.(\d+|x))?(\.(\d+|x))?$/.test(version))
    throw new Error(`${name} asks for "${line}": give a version number (such as 22 or 22.12.0), not an alias`);
  return version;
}
