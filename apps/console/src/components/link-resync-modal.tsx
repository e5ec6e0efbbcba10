import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Modal, Radio, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, unwrap } from '../api/client';
import type { components } from '../api/schema';

type Link = components['schemas']['LinkDto'];
type SyncDirection = components['schemas']['SyncDirection'];

/** The source-side id of a link for a one-way run in `direction` (POST /api/v1/sync's groupIds). */
export function sourceIdFor(link: Link, direction: SyncDirection): string | null {
  return direction === 'feishu_to_wecom' ? link.feishuGroupId : link.wecomRuleId;
}

/** The way a re-sync of the link goes unless HR picks another: its own direction, Feishu → WeCom for two-way. */
export function defaultResyncDirection(link: Link): SyncDirection {
  return link.direction === 'two_way' ? 'feishu_to_wecom' : link.direction;
}

/** Whether any way of re-syncing the link has a source-side id to name. */
export function canResync(link: Link): boolean {
  if (link.direction === 'two_way') return link.feishuGroupId !== null || link.wecomRuleId !== null;
  return sourceIdFor(link, link.direction) !== null;
}

export function linkName(link: Link): string {
  return link.feishuGroupName ?? link.wecomRuleName ?? link.feishuGroupId ?? link.wecomRuleId ?? link.id;
}

/**
 * Confirms and starts a one-way rules run of one link (POST /api/v1/sync with the link's source-side id), then
 * opens the run. A two-way link asks which way, Feishu → WeCom preselected.
 */
export function LinkResyncModal({ link, onClose }: { link: Link; onClose: () => void }) {
  const { t } = useTranslation('links');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const initial = defaultResyncDirection(link);
  const [direction, setDirection] = useState<SyncDirection>(
    sourceIdFor(link, initial) === null && link.direction === 'two_way' ? 'wecom_to_feishu' : initial,
  );
  const sourceId = sourceIdFor(link, direction);
  const start = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/sync', {
          body: { direction, scope: 'rules', dryRun: false, groupIds: sourceId === null ? [] : [sourceId] },
        }),
      ),
    onSuccess: async ({ runId }) => {
      await queryClient.invalidateQueries({ queryKey: ['runs'] });
      onClose();
      void navigate(`/runs/${runId}`);
    },
  });
  const sourceVendor = direction === 'feishu_to_wecom' ? 'feishu' : 'wecom';
  return (
    <Modal
      open
      title={t('resyncTitle', { name: linkName(link) })}
      okText={t('resyncStart')}
      cancelText={t('cancel')}
      onOk={() => start.mutate()}
      okButtonProps={{ disabled: sourceId === null }}
      confirmLoading={start.isPending}
      onCancel={onClose}
      destroyOnHidden
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        {link.direction === 'two_way' && (
          <>
            <Typography.Paragraph style={{ marginBottom: 0 }}>{t('resyncTwoWay')}</Typography.Paragraph>
            <Radio.Group
              aria-label={t('column.direction')}
              value={direction}
              onChange={(event) => setDirection(event.target.value as SyncDirection)}
              options={(['feishu_to_wecom', 'wecom_to_feishu'] as const).map((value) => ({
                value,
                label: t(`common:direction.${value}`),
                disabled: sourceIdFor(link, value) === null,
              }))}
            />
          </>
        )}
        <Typography.Paragraph style={{ marginBottom: 0 }}>
          {t('resyncBody', { direction: t(`common:direction.${direction}`) })}
        </Typography.Paragraph>
        {sourceId !== null && (
          <Typography.Text type="secondary">
            {t('resyncSource', { vendor: t(`common:vendor.${sourceVendor}`), id: sourceId })}
          </Typography.Text>
        )}
        {start.error && (
          <Alert type="error" showIcon role="alert" title={t('resyncFailed', { message: start.error.message })} />
        )}
      </Space>
    </Modal>
  );
}
