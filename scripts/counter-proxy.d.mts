import type { IncomingMessage, ServerResponse } from 'node:http';

export interface ProxyToCounterOptions {
  /** The counter service, `http://host:port`. */
  target: string | URL;
  /** The path the service is mounted at, e.g. `/counter`; removed before the request is passed on. */
  prefix: string;
  /** Headers added to every answer. */
  extraHeaders?: Record<string, string>;
  /** Answers when the service cannot be reached (by default a bare 502). */
  unreachable?: (res: ServerResponse) => void;
}

export declare function proxyToCounter(req: IncomingMessage, res: ServerResponse, options: ProxyToCounterOptions): void;
