// Puts the counter service behind a path of another server (same origin), as a court site's
// web server does with `location /counter/ { proxy_pass … }` (docs/counter.md): the request is
// passed on with its method, headers and body, and the answer comes back as it is. Used by
// `npm start` (scripts/start.mjs) and by the tests' servers.
import { request } from 'node:http';

/**
 * Passes `req` on to the service at `target` (`http://host:port`), without `prefix` at the
 * start of its path, and writes the answer to `res` with `extraHeaders` added. When the service
 * cannot be reached, `unreachable(res)` answers (by default a bare 502); an answer already
 * under way is cut off.
 *
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {{ target: string | URL, prefix: string, extraHeaders?: Record<string, string>,
 *   unreachable?: (res: import('node:http').ServerResponse) => void }} options
 */
export function proxyToCounter(req, res, { target, prefix, extraHeaders = {}, unreachable }) {
  const url = new URL(target);
  const rest = req.url?.startsWith(prefix) ? req.url.slice(prefix.length) : (req.url ?? '/');
  const upstream = request(
    {
      host: url.hostname.replace(/^\[|\]$/g, ''),
      port: url.port,
      method: req.method,
      path: rest.startsWith('/') ? rest : `/${rest}`,
      headers: { ...req.headers, host: url.host },
    },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, { ...answer.headers, ...extraHeaders });
      answer.pipe(res);
    },
  );
  upstream.on('error', () => {
    if (res.headersSent) res.destroy();
    else if (unreachable) unreachable(res);
    else {
      res.writeHead(502, extraHeaders);
      res.end();
    }
  });
  req.pipe(upstream);
}
