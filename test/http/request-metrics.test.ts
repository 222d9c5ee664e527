import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFakeClock } from '../../src/clock.js';
import { RequestMetrics } from '../../src/http/request-metrics.js';
import { createLogger, createMemoryLogger } from '../../src/logger.js';
import { API_URL, assertAllInterceptorsUsed, BASE, JSON_HEADERS, rateHeaders, setup } from './helpers.js';

beforeAll(() => nock.disableNetConnect());
afterEach(() => assertAllInterceptorsUsed(nock));

const COUPONS = { stream: 'orders', endpoint: 'orders.coupons' };

describe('RequestMetrics', () => {
  it('tallies per stream, endpoint, status and outcome; writes counters and timers every interval, then starts over', () => {
    const clock = createFakeClock();
    const logger = createMemoryLogger('info');
    const metrics = new RequestMetrics(logger, clock, 5_000);
    metrics.record({ ...COUPONS, httpStatus: 200, isSuccess: true, durationMs: 40 });
    metrics.record({ ...COUPONS, httpStatus: 204, isSuccess: true, durationMs: 10 });
    metrics.record({ ...COUPONS, httpStatus: 200, isSuccess: true, durationMs: 20 });
    clock.advance(4_999);
    metrics.record({ stream: 'orders', endpoint: 'orders', httpStatus: null, isSuccess: false, durationMs: 300 });
    expect(logger.lines).toEqual([]);
    clock.advance(1);
    metrics.record({ ...COUPONS, httpStatus: 200, isSuccess: true, durationMs: 60 });
    expect(logger.lines).toEqual([
      'INFO METRIC: {"type":"counter","metric":"http_request_count","value":3,"tags":{"stream":"orders","endpoint":"orders.coupons","http_status_code":200,"status":"succeeded"}}',
      'INFO METRIC: {"type":"timer","metric":"http_request_duration","value":0.12,"tags":{"stream":"orders","endpoint":"orders.coupons","http_status_code":200,"status":"succeeded","count":3,"min":0.02,"max":0.06}}',
      'INFO METRIC: {"type":"counter","metric":"http_request_count","value":1,"tags":{"stream":"orders","endpoint":"orders.coupons","http_status_code":204,"status":"succeeded"}}',
      'INFO METRIC: {"type":"timer","metric":"http_request_duration","value":0.01,"tags":{"stream":"orders","endpoint":"orders.coupons","http_status_code":204,"status":"succeeded","count":1,"min":0.01,"max":0.01}}',
      'INFO METRIC: {"type":"counter","metric":"http_request_count","value":1,"tags":{"stream":"orders","endpoint":"orders","http_status_code":null,"status":"failed"}}',
      'INFO METRIC: {"type":"timer","metric":"http_request_duration","value":0.3,"tags":{"stream":"orders","endpoint":"orders","http_status_code":null,"status":"failed","count":1,"min":0.3,"max":0.3}}',
    ]);
    logger.lines.length = 0;
    metrics.flush();
    metrics.flush();
    expect(logger.lines).toEqual([]);
    metrics.record({ ...COUPONS, httpStatus: 200, isSuccess: true, durationMs: 5 });
    metrics.flush();
    expect(logger.lines).toEqual([
      'INFO METRIC: {"type":"counter","metric":"http_request_count","value":1,"tags":{"stream":"orders","endpoint":"orders.coupons","http_status_code":200,"status":"succeeded"}}',
      'INFO METRIC: {"type":"timer","metric":"http_request_duration","value":0.005,"tags":{"stream":"orders","endpoint":"orders.coupons","http_status_code":200,"status":"succeeded","count":1,"min":0.005,"max":0.005}}',
    ]);
  });

  it('at debug level: one timer per request, and the counters on the interval', () => {
    const clock = createFakeClock();
    const logger = createMemoryLogger('debug');
    const metrics = new RequestMetrics(logger, clock, 5_000);
    metrics.record({ ...COUPONS, httpStatus: 200, isSuccess: true, durationMs: 40 });
    metrics.record({ ...COUPONS, httpStatus: 200, isSuccess: true, durationMs: 20 });
    metrics.flush();
    expect(logger.lines).toEqual([
      'INFO METRIC: {"type":"timer","metric":"http_request_duration","value":0.04,"tags":{"stream":"orders","endpoint":"orders.coupons","http_status_code":200,"status":"succeeded"}}',
      'INFO METRIC: {"type":"timer","metric":"http_request_duration","value":0.02,"tags":{"stream":"orders","endpoint":"orders.coupons","http_status_code":200,"status":"succeeded"}}',
      'INFO METRIC: {"type":"counter","metric":"http_request_count","value":2,"tags":{"stream":"orders","endpoint":"orders.coupons","http_status_code":200,"status":"succeeded"}}',
    ]);
  });

  it('structured logs carry the aggregate in metric_info', () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'info', format: 'json', write: (l) => lines.push(l), now: () => 1_700_000_000_000 });
    const metrics = new RequestMetrics(logger, createFakeClock(), 5_000);
    metrics.record({ ...COUPONS, httpStatus: 200, isSuccess: true, durationMs: 40 });
    metrics.flush();
    expect(lines.map((l) => (JSON.parse(l) as { metric_info: unknown }).metric_info)).toEqual([
      {
        type: 'counter',
        metric: 'http_request_count',
        value: 1,
        tags: { stream: 'orders', endpoint: 'orders.coupons', http_status_code: 200, status: 'succeeded' },
      },
      {
        type: 'timer',
        metric: 'http_request_duration',
        value: 0.04,
        tags: { stream: 'orders', endpoint: 'orders.coupons', http_status_code: 200, status: 'succeeded', count: 1, min: 0.04, max: 0.04 },
      },
    ]);
  });

  it('the client writes what is left when it closes', async () => {
    nock(API_URL)
      .get(`${BASE}/v2/orders`)
      .times(2)
      .reply(200, [{ id: 1 }], { ...JSON_HEADERS, ...rateHeaders(140) });
    const logger = createMemoryLogger('info');
    const { client } = setup({ logger });
    await client.get({ apiVersion: 'v2', path: '/orders', stream: 'orders' });
    await client.get({ apiVersion: 'v2', path: '/orders', stream: 'orders' });
    expect(logger.lines).toEqual([]);
    client.close();
    expect(logger.lines).toEqual([
      'INFO METRIC: {"type":"counter","metric":"http_request_count","value":2,"tags":{"stream":"orders","endpoint":"orders","http_status_code":200,"status":"succeeded"}}',
      'INFO METRIC: {"type":"timer","metric":"http_request_duration","value":0,"tags":{"stream":"orders","endpoint":"orders","http_status_code":200,"status":"succeeded","count":2,"min":0,"max":0}}',
    ]);
  });
});
