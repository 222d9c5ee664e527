import { json } from '../responses.js';
import type { RouteHandler } from './types.js';

/** `GET /v2/time`: the store clock in unix seconds (the Singer tap's auth check). */
export const getTime: RouteHandler = (request) => json(200, { time: request.store.nowSec() });
