/** npm run build -w scripts/act/stand-ins: bundles each JavaScript stand-in into its dist/. */
import { join, resolve } from 'node:path';
import { buildBundles } from '../../build-action.js';
import { BUNDLES } from './stand-ins.js';

const here = import.meta.dirname;
for (const [folder, entries] of Object.entries(BUNDLES)) {
  await buildBundles(here, entries, join(here, folder, 'dist'));
  console.log(`built ${resolve(here, folder, 'dist')}`);
}
