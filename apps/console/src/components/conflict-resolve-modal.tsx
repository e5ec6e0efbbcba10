import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Modal, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, ApiRequestError, unwrap } from '../api/client';
import type { components } from '../api/schema';

type Conflict = components['schemas']['ConflictDto'];

/** What HR chose: a winner for a content conflict, a resolution for a name conflict (the API takes one each). */
export type ConflictChoice =
  { readonly winner: NonNullable<Conflict['winner']> } | { readonly resolution: NonNullable<Conflict['resolution']> };

/** The locale key of a failed resolve's message: 409 already resolved, 400 refused, 404 gone, else as it came. */
function failureKey(error: Error): 'alreadyResolved' | 'badRequest' | 'notFound' | 'resolveFailed' {
  const status = error instanceof ApiRequestError ? error.status : undefined;
  return status === 409
    ? 'alreadyResolved'
    : status === 400
      ? 'badRequest'
      : status === 404
        ? 'notFound'
        : 'resolveFailed';
}

/**
 * Asks once more, with the plain-language consequence of the choice, then posts it
 * (POST /api/v1/conflicts/{conflictId}/resolve) and refetches the conflicts and links.
 */
export function ConflictResolveModal({
  conflict,
  name,
  choice,
  label,
  explanation,
  onClose,
}: {
  conflict: Conflict;
  name: string;
  choice: ConflictChoice;
  label: string;
  explanation: string;
  onClose: () => void;
}) {
  const { t } = useTranslation('conflicts');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['conflicts'] }),
      queryClient.invalidateQueries({ queryKey: ['links'] }),
      queryClient.invalidateQueries({ queryKey: ['runs'] }),
    ]);
  const resolve = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/conflicts/{conflictId}/resolve', {
          params: { path: { conflictId: conflict.id } },
          body: choice,
        }),
      ),
    onSuccess: async ({ runId }) => {
      await refresh();
      void message.success(runId === null ? t('resolved') : t('resolvedWithRun'));
      onClose();
    },
  });
  // Someone else resolved it meanwhile (409): the list is stale. It is refetched once the message has been read
  // and the dialog closed, not before, since the refetch drops the conflict (and this dialog) from the page.
  const close = () => {
    if (resolve.error instanceof ApiRequestError && resolve.error.status === 409) void refresh();
    onClose();
  };
  return (
    <Modal
      open
      title={t('confirmTitle', { choice: label })}
      okText={t('confirmOk')}
      cancelText={t('cancel')}
      onOk={() => resolve.mutate()}
      okButtonProps={{ danger: 'resolution' in choice && choice.resolution === 'overwrite' }}
      confirmLoading={resolve.isPending}
      onCancel={close}
      destroyOnHidden
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph style={{ marginBottom: 0 }}>{t('confirmBody', { name })}</Typography.Paragraph>
        <Typography.Paragraph strong style={{ marginBottom: 0 }}>
          {explanation}
        </Typography.Paragraph>
        {resolve.error && (
          <Alert
            type="error"
            showIcon
            role="alert"
            title={t(failureKey(resolve.error), { message: resolve.error.message })}
          />
        )}
      </Space>
    </Modal>
  );
}
