import { pino } from 'pino';
import { LogCapture } from '../../../../test/support/log-capture.js';
import { currentLogContext, withLogContext } from '../sync/engine/log-context.js';
import { buildLoggerParams } from './logger.options.js';

/** The gateway's pino options (as LoggerModule gets them) writing into a capture. */
function gatewayLogger(): { logger: pino.Logger; capture: LogCapture } {
  const capture = new LogCapture();
  const { pinoHttp } = buildLoggerParams('debug', capture);
  const [options] = pinoHttp as [pino.LoggerOptions, unknown];
  return { logger: pino(options, capture), capture };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, Math.random() * 5));

describe('log context', () => {
  it('is empty outside any work, nests with inner values winning, and ends with its work', () => {
    expect(currentLogContext()).toEqual({});
    withLogContext({ runId: 'r1', scope: 'rules' }, () => {
      withLogContext({ item: 'feishu-group:1', runId: 'r2' }, () => {
        expect(currentLogContext()).toEqual({ runId: 'r2', scope: 'rules', item: 'feishu-group:1' });
      });
      expect(currentLogContext()).toEqual({ runId: 'r1', scope: 'rules' });
    });
    expect(currentLogContext()).toEqual({});
  });

  it('keeps concurrent work apart across awaits (two runs interleaving never swap ids)', async () => {
    const seen: string[] = [];
    const work = (runId: string) =>
      withLogContext({ runId }, async () => {
        for (let step = 0; step < 20; step++) {
          await tick();
          await withLogContext({ item: `${runId}-${step}` }, async () => {
            await tick();
            const context = currentLogContext();
            seen.push(`${context.runId}:${context.item}`);
          });
        }
      });
    await Promise.all([work('a'), work('b'), work('c')]);
    expect(seen).toHaveLength(60);
    for (const entry of seen) expect(entry).toMatch(/^(\w):\1-\d+$/u);
  });

  it('is written into every line by the logger; a field the call site passes wins; the context is not changed', () => {
    const { logger, capture } = gatewayLogger();
    logger.info('outside');
    withLogContext({ runId: 'r1', link: 'l1', unit: '1/2' }, () => {
      logger.info({ endpoint: 'POST /x' }, 'inside');
      logger.warn({ unit: 'own' }, 'own field');
      expect(currentLogContext()).toEqual({ runId: 'r1', link: 'l1', unit: '1/2' });
    });
    const [outside, inside, own] = capture.records();
    expect(outside).not.toHaveProperty('runId');
    expect(inside).toMatchObject({ runId: 'r1', link: 'l1', unit: '1/2', endpoint: 'POST /x', msg: 'inside' });
    expect(own).toMatchObject({ runId: 'r1', unit: 'own' });
  });
});
