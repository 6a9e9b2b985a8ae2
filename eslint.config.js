import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// The architecture (docs/architecture.md), as import rules. ESLint keeps the last matching
// config's options for a rule, so each narrower config repeats the patterns of the wider ones.
const rule = (files, ...patterns) => ({ files, rules: { 'no-restricted-imports': ['error', { patterns }] } });
/** Imports of a sibling folder (or a file beside the folder), from one or two levels down. */
const below = (folders, message) => ({
  group: folders.flatMap((f) => [`../${f}`, `../${f}/*`, `../../${f}/*`]),
  message,
});
/** Imports of a top folder of the repository, however many levels up the path climbs. */
const top = (folders, message) => ({ group: folders.flatMap((f) => [`**/../${f}/**`, `../${f}/**`]), message });
const APP_NOT_TOOLING = top(['scripts', 'workflows-src', 'project'], 'the app imports none of the tooling');
const PROJECT_AT_THE_BOTTOM = top(
  ['scripts', 'workflows-src', 'frontend', 'backend', 'test', '.github'],
  'project/ (versions and names) is below all the tooling: it imports no other folder',
);
const TOOLING_NOT_APP = top(['frontend', 'backend', 'test'], 'the tooling imports no app or test code');
const SCRIPTS_RUN_WORKFLOWS = top(['scripts'], 'scripts/ runs workflows-src, not the other way round');
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
  {
    files: ['scripts/**/*.ts', 'backend/scripts/**/*.ts', '.ci/**/*.mjs', 'scripts/**/*.mjs'],
    rules: { 'no-console': 'off' },
  },
  // Between the top folders: the app and the tooling never import each other; tests may use both.
  rule(['frontend/**', 'backend/**'], APP_NOT_TOOLING),
  rule(['scripts/**'], TOOLING_NOT_APP),
  rule(['workflows-src/**'], TOOLING_NOT_APP, SCRIPTS_RUN_WORKFLOWS),
  rule(['project/**'], PROJECT_AT_THE_BOTTOM),
  // The backend's layers import downwards only: domain ← db ← tasks ← chat ← routes, mcp, plugins ← app.
  ...Object.entries(BACKEND_ABOVE).map(([folder, above]) =>
    rule(
      [`backend/src/${folder}/**`],
      APP_NOT_TOOLING,
      below(above, `backend/src/${folder} sits below these: move the shared piece down`),
    ),
  ),
  // A feature folder uses shared/ and itself; what two features need goes to shared/.
  ...FEATURES.map((feature) =>
    rule(
      [`frontend/src/features/${feature}/**`],
      APP_NOT_TOOLING,
      below(
        [...FEATURES.filter((other) => other !== feature), 'app'],
        'a feature imports only shared/ and its own folder: move what features share to frontend/src/shared/',
      ),
    ),
  ),
  rule(
    ['frontend/src/shared/**'],
    APP_NOT_TOOLING,
    below(['features', 'app'], 'shared/ is below every feature and the app'),
  ),
);
