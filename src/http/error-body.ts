/**
 * Reading BigCommerce error bodies: v2 answers `[{status, message}]`, v3 and the gateway answer
 * `{status, title, type, errors: {field: message}, detail?}`. Anything else (HTML, plain text) is summarized.
 */

const MAX_MESSAGE_CHARS = 300;
const MAX_EXCERPT_CHARS = 2000;

/** The human message BigCommerce put in an error body, single-line and at most ~300 chars; undefined if none. */
export function extractErrorMessage(bodyText: string): string | undefined {
  const trimmed = bodyText.trim();
  if (trimmed === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    // An HTML error page says nothing useful in one line; its excerpt goes to `details`.
    if (/^<(!doctype|html|\?xml)/i.test(trimmed) || /<\/?(body|head|div|p)\b/i.test(trimmed)) return undefined;
    return truncate(oneLine(trimmed), MAX_MESSAGE_CHARS);
  }
  const parts = Array.isArray(parsed) ? v2Messages(parsed) : v3Messages(parsed);
  if (parts.length === 0) return undefined;
  return truncate(oneLine(parts.join('; ')), MAX_MESSAGE_CHARS);
}

/** A bounded excerpt of a body for debug-level `details`. The caller redacts it. */
export function bodyExcerpt(bodyText: string): string {
  return truncate(bodyText.trim(), MAX_EXCERPT_CHARS);
}

function v2Messages(items: unknown[]): string[] {
  const out: string[] = [];
  for (const item of items) {
    if (isObject(item) && typeof item.message === 'string' && item.message.trim() !== '') out.push(item.message.trim());
  }
  return out;
}

function v3Messages(body: unknown): string[] {
  if (!isObject(body)) return [];
  const out: string[] = [];
  for (const key of ['title', 'detail', 'message'] as const) {
    const value = body[key];
    if (typeof value === 'string' && value.trim() !== '') out.push(value.trim());
  }
  const errors = body.errors;
  if (isObject(errors)) {
    for (const [field, value] of Object.entries(errors)) {
      const text = typeof value === 'string' ? value : JSON.stringify(value);
      out.push(`${field}: ${text}`);
    }
  } else if (Array.isArray(errors)) {
    for (const value of errors) out.push(typeof value === 'string' ? value : JSON.stringify(value));
  }
  return out;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
