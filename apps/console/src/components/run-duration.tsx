import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { durationMs, durationParts, type Run } from '../pages/runs-model';

/** The clock, ticking every second while `ticking` (a running run's duration grows between polls). */
export function useNow(ticking: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!ticking) return undefined;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [ticking]);
  return now;
}

/** How long a run took, or has taken so far while it runs; a dash before it started. */
export function RunDuration({ run }: { run: Pick<Run, 'startedAt' | 'finishedAt'> }) {
  const { t } = useTranslation('runs');
  const now = useNow(run.startedAt !== null && run.finishedAt === null);
  const ms = durationMs(run, now);
  if (ms === null) return <>—</>;
  return (
    <>
      {durationParts(ms)
        .map((part) => t(`duration.${part.unit}`, { value: part.value }))
        .join(' ')}
    </>
  );
}
