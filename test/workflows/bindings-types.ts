// Checked by npm run typecheck, never run: each line below must stay a type error. Were a binding
// to lose its types, the @ts-expect-error above the line would be unused, and that fails tsc.
import * as action from '../../workflows-src/lib/bindings/actions.js';

// @ts-expect-error a misspelt input ('persist-credential' for 'persist-credentials')
action.checkout({ with: { 'persist-credential': false } });

// @ts-expect-error a required input left out (scan-report needs its report)
action.scanReport({ with: { title: 'Trivy' } });

// @ts-expect-error no `with` at all where an input is required
action.scanReport({ name: 'Summarise' });

// @ts-expect-error an output the action does not have ('cache_hit' for 'cache-hit')
action.cache.output(action.cache({ id: 'c', with: { path: 'x', key: 'k' } }), 'cache_hit');

// And what is right passes.
action.scanReport({ with: { report: 'trivy.json', title: 'Trivy' } });
action.cache.output(action.cache({ id: 'c', with: { path: 'x', key: 'k' } }), 'cache-hit');
