import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();
/** The rule ids and messages ESLint gives `code` as if it were the file at `filePath`. */
async function lint(filePath: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the architecture lint (eslint.config.js)', () => {
  it.each([
    ['frontend/src/features/chat/x.ts', "import { tasksKey } from '../tasks/api';", /a feature imports only shared/],
    ['frontend/src/features/tasks/x.ts', "import { App } from '../../app/App';", /a feature imports only shared/],
    ['frontend/src/shared/x.ts', "import { useTasks } from '../features/tasks/api';", /shared\/ is below/],
    ['backend/src/db/x.ts', "import { TOOLS } from '../chat/tools.js';", /backend\/src\/db sits below/],
    ['backend/src/domain/x.ts', "import { tasks } from '../db/schema.js';", /backend\/src\/domain sits below/],
    ['backend/src/tasks/x.ts', "import routes from '../routes/tasks.js';", /backend\/src\/tasks sits below/],
    [
      'frontend/src/app/x.ts',
      "import { launch } from '../../../scripts/lib/browser.js';",
      /the app imports none of the tooling/,
    ],
    [
      'backend/src/db/x.ts',
      "import { isMain } from '../../../scripts/lib/main.js';",
      /the app imports none of the tooling/,
    ],
    [
      'workflows-src/x.ts',
      "import { api } from '../frontend/src/shared/api';",
      /the tooling imports no app or test code/,
    ],
    ['scripts/x.ts', "import { onPage } from '../test/browser/pages.js';", /the tooling imports no app or test code/],
    [
      'scripts/lib/x.ts',
      "import { api } from '../../frontend/src/shared/api';",
      /the tooling imports no app or test code/,
    ],
    ['workflows-src/lib/x.ts', "import { isMain } from '../../scripts/lib/main.js';", /scripts\/ runs workflows-src/],
    [
      'project/x.ts',
      "import { PINS } from '../workflows-src/lib/pins.js';",
      /project\/ \(versions and names\) is below/,
    ],
    ['project/x.ts', "import { docker } from '../scripts/lib/docker.js';", /project\/ \(versions and names\) is below/],
    [
      'backend/src/x.ts',
      "import { TOOLCHAIN } from '../../project/toolchain.js';",
      /the app imports none of the tooling/,
    ],
  ])('refuses %s importing upwards or across', async (file, code, message) => {
    const messages = await lint(file, `${code}\nexport const x = 1;\n`);
    expect(messages).toEqual([expect.stringMatching(message)]);
  });

  it.each([
    ['frontend/src/features/chat/x.ts', "import { tasksKey } from '../../shared/query-keys';"],
    ['frontend/src/app/x.ts', "import { TasksPanel } from '../features/tasks/TasksPanel';"],
    ['backend/src/chat/x.ts', "import { tasks } from '../db/schema.js';"],
    ['backend/src/routes/x.ts', "import { TOOLS } from '../chat/tools.js';"],
    ['test/browser/x.ts', "import { launch } from '../../scripts/lib/browser.js';"],
    ['scripts/x.ts', "import { generate } from '../workflows-src/lib/render.js';"],
    ['workflows-src/lib/x.ts', "import { TOOLCHAIN } from '../../project/toolchain.js';"],
    ['scripts/cluster/x.ts', "import { RELEASE } from '../../project/names.js';"],
    ['project/x.ts', "import { repoRoot } from './root.js';"],
  ])('lets %s import downwards', async (file, code) => {
    expect(await lint(file, `${code}\nexport const x = 1;\n`)).toEqual([]);
  });
});
