// Loaded with `--import` by the web server process (lib/cli/serve.ts). That process runs Next's
// renderer, which needs Node's default export conditions, and the app's own server modules, which
// start with `import 'server-only'`: the marker alone resolves with the `react-server` condition
// (to its empty module), as Next's bundler resolves it for server code.
import { register } from 'node:module';

const hook = `export async function resolve(specifier, context, next) {
  return next(specifier, specifier === 'server-only' ? { ...context, conditions: [...context.conditions, 'react-server'] } : context);
}`;
register(`data:text/javascript,${encodeURIComponent(hook)}`);
