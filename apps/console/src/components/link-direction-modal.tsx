import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Modal, Radio, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';
import type { components } from '../api/schema';
import { linkName } from './link-resync-modal';

type Link = components['schemas']['LinkDto'];
type LinkDirection = components['schemas']['LinkDirection'];

export const LINK_DIRECTIONS: readonly LinkDirection[] = ['feishu_to_wecom', 'wecom_to_feishu', 'two_way'];

/** Confirms and saves a new direction for a link (PATCH /api/v1/links/{linkId}); the links list is refetched. */
export function LinkDirectionModal({ link, onClose }: { link: Link; onClose: () => void }) {
  const { t } = useTranslation('links');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [direction, setDirection] = useState<LinkDirection>(link.direction);
  const save = useMutation({
    mutationFn: async () =>
      unwrap(await api.PATCH('/api/v1/links/{linkId}', { params: { path: { linkId: link.id } }, body: { direction } })),
    onSuccess: async (updated) => {
      await queryClient.invalidateQueries({ queryKey: ['links'] });
      void message.success(t('directionSaved', { direction: t(`common:direction.${updated.direction}`) }));
      onClose();
    },
  });
  return (
    <Modal
      open
      title={t('directionTitle', { name: linkName(link) })}
      okText={t('directionSave')}
      cancelText={t('cancel')}
      onOk={() => save.mutate()}
      okButtonProps={{ disabled: direction === link.direction }}
      confirmLoading={save.isPending}
      onCancel={onClose}
      destroyOnHidden
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph style={{ marginBottom: 0 }}>{t('directionBody')}</Typography.Paragraph>
        <Radio.Group
          aria-label={t('column.direction')}
          value={direction}
          onChange={(event) => setDirection(event.target.value as LinkDirection)}
          options={LINK_DIRECTIONS.map((value) => ({ value, label: t(`common:direction.${value}`) }))}
        />
        {direction === 'two_way' && <Typography.Text type="secondary">{t('directionTwoWayHelp')}</Typography.Text>}
        {link.status === 'unlinked' && <Alert type="info" showIcon title={t('directionUnlinkedHelp')} />}
        {save.error && (
          <Alert type="error" showIcon role="alert" title={t('directionFailed', { message: save.error.message })} />
        )}
      </Space>
    </Modal>
  );
}
