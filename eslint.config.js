import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** A layer's rule: no import of the named sibling folders (one-way arrows; docs/architecture.md). */
const layer = (files, folders, why) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      { patterns: [{ group: folders.flatMap((f) => [`../${f}`, `../${f}/*`, `../../${f}/*`]), message: why }] },
    ],
  },
});
const BACKEND_ABOVE = {
  domain: ['db', 'tasks', 'chat', 'mcp', 'plugins', 'routes', 'http', 'limits', 'app.js', 'server.js'],
  db: ['tasks', 'chat', 'mcp', 'plugins', 'routes', 'app.js', 'server.js'],
  tasks: ['chat', 'mcp', 'plugins', 'routes', 'app.js', 'server.js'],
  chat: ['mcp', 'plugins', 'routes', 'app.js', 'server.js'],
  http: ['db', 'tasks', 'chat', 'mcp', 'plugins', 'routes', 'app.js', 'server.js'],
  limits: ['db', 'tasks', 'chat', 'mcp', 'plugins', 'routes', 'app.js', 'server.js'],
  plugins: ['routes', 'mcp', 'app.js', 'server.js'],
  routes: ['plugins', 'mcp', 'app.js', 'server.js'],
  mcp: ['plugins', 'routes', 'app.js', 'server.js'],
};
const FEATURES = ['auth', 'chat', 'tasks'];

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/node_modules/**', 'coverage/**', 'test-results/**', '**/.data/**', 'backend/bundle/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always'],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  // Command-line scripts print their results.
  { files: ['scripts/**/*.ts', 'backend/scripts/**/*.ts', '.ci/**/*.mjs'], rules: { 'no-console': 'off' } },
  // The backend's layers import downwards only: domain ← db ← tasks ← chat ← routes, mcp, plugins ← app.
  ...Object.entries(BACKEND_ABOVE).map(([folder, above]) =>
    layer([`backend/src/${folder}/**`], above, `backend/src/${folder} sits below these: move the shared piece down`),
  ),
  // A feature folder uses shared/ and itself; what two features need goes to shared/.
  ...FEATURES.map((feature) =>
    layer(
      [`frontend/src/features/${feature}/**`],
      [...FEATURES.filter((other) => other !== feature).map((other) => `${other}`), 'app'],
      'a feature imports only shared/ and its own folder: move what features share to frontend/src/shared/',
    ),
  ),
  layer(['frontend/src/shared/**'], ['features', 'app'], 'shared/ is below every feature and the app'),
);
