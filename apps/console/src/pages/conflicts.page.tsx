import { ReloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Empty, Space, Spin, Switch, Typography } from 'antd';
import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, unwrap } from '../api/client';
import { ConflictCard } from '../components/conflict-card';
import { LoadFailedAlert } from '../components/load-failed-alert';

/** GET /api/v1/conflicts: the open ones, or all with `state=all`. */
export function useConflicts(state: 'open' | 'all') {
  return useQuery({
    queryKey: ['conflicts', state],
    queryFn: async () => unwrap(await api.GET('/api/v1/conflicts', { params: { query: { state } } })),
  });
}

/**
 * The conflicts the gateway stopped at: open ones first (resolved ones on request, `?state=all`), newest first,
 * each with both sides and the resolutions its kind takes.
 */
export function ConflictsPage() {
  const { t } = useTranslation('conflicts');
  const [params, setParams] = useSearchParams();
  const state = params.get('state') === 'all' ? 'all' : 'open';
  const conflicts = useConflicts(state);
  const switchId = useId();
  const items = useMemo(
    () =>
      [...(conflicts.data?.items ?? [])].sort(
        (a, b) =>
          Number(a.resolvedAt !== null) - Number(b.resolvedAt !== null) || b.detectedAt.localeCompare(a.detectedAt),
      ),
    [conflicts.data],
  );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {t('heading')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {t('intro')}
      </Typography.Paragraph>
      <Space wrap>
        <Space>
          <Switch
            id={switchId}
            checked={state === 'all'}
            onChange={(checked) => setParams(checked ? { state: 'all' } : {}, { replace: true })}
          />
          <label htmlFor={switchId}>{t('showResolved')}</label>
        </Space>
        <Button icon={<ReloadOutlined />} onClick={() => void conflicts.refetch()} loading={conflicts.isFetching}>
          {t('refresh')}
        </Button>
      </Space>
      {conflicts.error && (
        <LoadFailedAlert title={t('loadFailed')} error={conflicts.error} onRetry={() => void conflicts.refetch()} />
      )}
      {conflicts.isPending ? (
        <Spin description={t('common:loading')}>
          <div style={{ minHeight: 120 }} />
        </Spin>
      ) : (
        !conflicts.error &&
        (items.length === 0 ? (
          <Empty description={state === 'all' ? t('emptyAll') : t('empty')} />
        ) : (
          <section aria-label={t('listLabel')} aria-busy={conflicts.isFetching}>
            <Space orientation="vertical" size="large" style={{ width: '100%' }}>
              {items.map((conflict) => (
                <ConflictCard key={conflict.id} conflict={conflict} />
              ))}
            </Space>
          </section>
        ))
      )}
    </Space>
  );
}
