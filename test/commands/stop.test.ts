import { expect, it } from 'vitest';
import { STOP_EXIT_CODES, StopController } from '../../src/commands/stop.js';

it('a signal with nothing subscribed (or a second one) is for the caller to exit on; a subscribed sync hears the first', () => {
  const stop = new StopController();
  expect(stop.request('SIGINT')).toBe(false);
  const heard: string[] = [];
  const unsubscribe = stop.onStop((signal) => heard.push(signal));
  expect(stop.request('SIGINT')).toBe(true);
  expect(stop.request('SIGTERM')).toBe(false);
  expect(heard).toEqual(['SIGINT']);
  unsubscribe();
  // Subscribing after the request hears it at once: a sync that starts late still stops.
  stop.onStop((signal) => heard.push(`late ${signal}`));
  expect(heard).toEqual(['SIGINT', 'late SIGINT']);
  expect(STOP_EXIT_CODES).toEqual({ SIGINT: 130, SIGTERM: 143 });
});
