/** Response values the routes return; the server writes them. Bodies follow the real API's shapes. */

export interface Reply {
  status: number;
  body: string;
  contentType?: string;
  headers?: Record<string, string>;
}

export const STATUS_CODES_TYPE = 'https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes';
export const STATUS_CODES_TYPE_RELATIVE = '/api-docs/getting-started/api-status-codes';

export function json(status: number, value: unknown): Reply {
  return { status, body: JSON.stringify(value), contentType: 'application/json' };
}

/** `204 No Content` with an empty body: a v2 list with nothing on the page. */
export function noContent(): Reply {
  return { status: 204, body: '' };
}

/** v2 errors are arrays: `[{"status":404,"message":"..."}]`. */
export function v2Error(status: number, message: string): Reply {
  return json(status, [{ status, message }]);
}

/** v3 errors are objects: `{"status":422,"title":"...","type":"...","errors":{}}`. */
export function v3Error(status: number, title: string, errors: Record<string, string> = {}, type = STATUS_CODES_TYPE_RELATIVE): Reply {
  return json(status, { status, title, type, errors });
}

/** The gateway's 403 (missing scope or unknown store hash), the same object on v2 and v3 paths. */
export function scopeError(): Reply {
  return json(403, {
    status: 403,
    title: "You don't have a required scope to access the endpoint",
    type: STATUS_CODES_TYPE,
    errors: {},
  });
}

/** The gateway's 401; the title is a guess (API.md marks it unverified). */
export function unauthorized(variant: 'object' | 'empty'): Reply {
  if (variant === 'empty') return { status: 401, body: '' };
  return json(401, { status: 401, title: 'No valid credentials found for this request', type: STATUS_CODES_TYPE, errors: {} });
}

export function tooManyRequests(): Reply {
  return json(429, { status: 429, title: 'Too many requests', type: STATUS_CODES_TYPE_RELATIVE, errors: {} });
}

export function notFound(version: 'v2' | 'v3' | 'other'): Reply {
  if (version === 'v2') return v2Error(404, 'The requested resource was not found.');
  return json(404, { status: 404, title: 'The resource at that URL is not found.', type: STATUS_CODES_TYPE });
}

const SERVER_ERROR_TEXT: Record<number, string> = {
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** An injected gateway failure: an HTML page, not JSON, as proxies in front of the API send. */
export function htmlServerError(status: number): Reply {
  const text = SERVER_ERROR_TEXT[status] ?? 'Error';
  return { status, body: `<html><body><h1>${status} ${text}</h1></body></html>`, contentType: 'text/html' };
}
