/**
 * The flags Node runs the API with, wherever it runs: the image's entrypoint and `npm start`
 * (gen:stamps writes them there), preview, dev, bench:api and the browser suites' local stack.
 *
 * --experimental-async-context-frame: Better Auth keeps its request context in AsyncLocalStorage,
 * which on Node 22 otherwise turns on async_hooks for every promise of the process once a sign-in
 * has used it; that cost a create 12% of its rate and the list 8%. With the flag the context
 * travels with each promise instead, as it does by default from Node 24.
 */
export const API_NODE_FLAGS: readonly string[] = ['--experimental-async-context-frame'];
