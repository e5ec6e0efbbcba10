import { LoadingOutlined } from '@ant-design/icons';
import { Progress, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RunProgressView, RunStatus } from '../pages/runs-model';

/**
 * How far a queued or running run has got: items done, and a bar when the gateway gives the total. Announced
 * politely to screen readers as it changes.
 */
export function RunProgress({ status, progress }: { status: RunStatus; progress: RunProgressView | null }) {
  const { t } = useTranslation('runs');
  let text: string;
  if (status === 'queued') text = t('progress.queued');
  else if (!progress) text = t('progress.running');
  else if (progress.itemsTotal !== undefined) {
    text = t('progress.doneOfTotal', { done: progress.itemsDone, total: progress.itemsTotal });
  } else text = t('progress.done', { count: progress.itemsDone });
  const percent =
    progress?.itemsTotal !== undefined && progress.itemsTotal > 0
      ? Math.min(100, Math.round((progress.itemsDone / progress.itemsTotal) * 100))
      : null;
  return (
    <div role="status" aria-live="polite" data-testid="run-progress" style={{ minWidth: 140 }}>
      <Space size={6}>
        <LoadingOutlined aria-hidden spin={status === 'running'} />
        <Typography.Text type="secondary">{text}</Typography.Text>
      </Space>
      {percent !== null && <Progress percent={percent} size="small" status="active" aria-label={text} />}
    </div>
  );
}
