/**
 * `--mode record-path` (issue 14): parse, normalize, validate and write one order, against bare JSON.parse +
 * JSON.stringify of it (bench/record-path-micro.ts), in this process on one core: the record path's own cost,
 * without network, walk or process start-up.
 */

import { describeLoad, loadNow, type ModeResult, type TargetRow, verdict } from '../lib/report.js';
import { describeRecordPath, runRecordPathMicro } from '../record-path-micro.js';

const TARGET = 2;

export async function runRecordPathMode(options: { pages: number; reps: number; log: (line: string) => void }): Promise<ModeResult> {
  options.log(`record-path: ${options.pages} order pages, ${options.reps} rounds`);
  const load = [loadNow()];
  const figure = await runRecordPathMicro({ pages: options.pages, rounds: options.reps });
  load.push(loadNow());
  const targets: TargetRow[] = [
    {
      figure: 'record path per order (issue 14)',
      target: `<= ${TARGET}x JSON.parse + JSON.stringify of it`,
      result: `${figure.tapUsPerRecord.toFixed(1)} vs ${figure.floorUsPerRecord.toFixed(1)} us = ${figure.ratio.toFixed(2)}x`,
      isMet: figure.ratio <= TARGET,
      settings: `orders every field but coupons, embedded details, ${figure.records} orders, CPU time, median of ${options.reps}`,
      load: describeLoad(load),
    },
  ];
  const text = `${describeRecordPath(figure)}\ntarget: <= ${TARGET}x: ${figure.ratio.toFixed(2)}x, ${verdict(figure.ratio <= TARGET)}`;
  return {
    name: 'record-path',
    console: text,
    markdown: ['### Record path (issue 14)', '', `- ${text.replace('\n', '\n- ')}`].join('\n'),
    targets,
  };
}
