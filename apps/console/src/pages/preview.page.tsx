import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, DatePicker, Flex, Form, Popconfirm, Radio, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { PreviewGroupPicker } from '../components/preview-group-picker';
import { PreviewItem } from '../components/preview-item';
import {
  type Direction,
  errorMessages,
  getRun,
  queueRun,
  type Scope,
  sourceVendor,
  type SyncRequest,
  targetVendor,
  type VendorGroup,
} from './preview-api';

const DIRECTIONS: readonly Direction[] = ['feishu_to_wecom', 'wecom_to_feishu'];
const SCOPES: readonly Scope[] = ['rules', 'rosters', 'punches'];
/** How often a queued or running dry run is read again. */
const POLL_MS = 1000;

/** The form's choice, as the sync request it makes (the dry run and the real run send the same one). */
function syncRequest(
  direction: Direction,
  scope: Scope,
  groups: readonly VendorGroup[],
  dates: readonly [string, string] | null,
): SyncRequest {
  return {
    direction,
    scope,
    groupIds: groups.map((group) => group.id),
    ...(scope !== 'rules' && dates ? { from: dates[0], to: dates[1] } : {}),
  };
}

/** A failed call, as the gateway's messages (a 400 lists every bad field), or the network's. */
function Failure(props: { readonly title: string; readonly error: unknown }) {
  const messages = errorMessages(props.error);
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={props.title}
      description={
        messages.length === 1 ? (
          messages[0]
        ) : (
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {messages.map((message, index) => (
              <li key={index}>{message}</li>
            ))}
          </ul>
        )
      }
    />
  );
}

/**
 * Preview: a dry run of a chosen direction, scope and set of source groups, shown item by item — the action,
 * the losses by severity, the notes, and what would be written (for a rule update beside the target's current
 * rule, changed fields highlighted) — then "Apply" queues the real run of exactly that request and opens it.
 */
export function PreviewPage() {
  const { t } = useTranslation('preview');
  const navigate = useNavigate();
  const [direction, setDirection] = useState<Direction>('feishu_to_wecom');
  const [scope, setScope] = useState<Scope>('rules');
  const [groups, setGroups] = useState<VendorGroup[]>([]);
  const [dates, setDates] = useState<readonly [string, string] | null>(null);
  const [triedEmpty, setTriedEmpty] = useState(false);
  /** The request the shown preview ran, and its dry run's id: Apply sends exactly this request. */
  const [previewed, setPreviewed] = useState<{
    request: SyncRequest;
    runId: string;
    names: Map<string, string>;
  } | null>(null);

  const source = sourceVendor(direction);
  const target = targetVendor(direction);
  const request = syncRequest(direction, scope, groups, dates);
  const stale = previewed !== null && JSON.stringify(previewed.request) !== JSON.stringify(request);

  const dryRun = useMutation({
    mutationFn: (chosen: { request: SyncRequest; names: Map<string, string> }) => queueRun(chosen.request, true),
    onSuccess: (runId, chosen) => setPreviewed({ ...chosen, runId }),
  });
  const run = useQuery({
    queryKey: ['run', previewed?.runId],
    queryFn: () => getRun(previewed!.runId),
    enabled: previewed !== null,
    refetchInterval: (query) =>
      query.state.data && !['queued', 'running'].includes(query.state.data.status) ? false : POLL_MS,
  });
  const apply = useMutation({
    mutationFn: (body: SyncRequest) => queueRun(body, false),
    onSuccess: (runId) => void navigate(`/runs/${runId}`),
  });

  function startPreview() {
    if (groups.length === 0) {
      setTriedEmpty(true);
      return;
    }
    apply.reset();
    // The results shown are of the previous request until this one's dry run is done: hide them at once.
    setPreviewed(null);
    dryRun.mutate({ request, names: new Map(groups.map((group) => [group.id, group.name])) });
  }

  const detail = run.data;
  const finished = detail !== undefined && !['queued', 'running'].includes(detail.status);
  const canApply = previewed !== null && finished && detail.status !== 'failed' && !stale;
  const groupsInvalid = triedEmpty && groups.length === 0;

  return (
    <Flex vertical gap={16} style={{ maxWidth: 1200 }}>
      <div>
        <Typography.Title level={2} style={{ marginTop: 0 }}>
          {t('heading')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('intro')}</Typography.Paragraph>
      </div>

      <Form
        layout="vertical"
        onFinish={startPreview}
        style={{ background: 'var(--ant-color-bg-container, #fff)', padding: 16, borderRadius: 8 }}
      >
        <Flex gap={24} wrap>
          <Form.Item label={t('direction')} htmlFor="preview-direction">
            <Radio.Group
              id="preview-direction"
              name="preview-direction"
              aria-label={t('direction')}
              optionType="button"
              value={direction}
              onChange={(event) => {
                setDirection(event.target.value as Direction);
                // The groups are the source vendor's: another direction reads another vendor.
                setGroups([]);
              }}
              options={DIRECTIONS.map((value) => ({ value, label: t(`common:direction.${value}`) }))}
            />
          </Form.Item>
          <Form.Item
            label={t('scope')}
            htmlFor="preview-scope"
            extra={t(`scopeHelp.${scope}`)}
            style={{ flex: 1, minWidth: 320 }}
          >
            <Radio.Group
              id="preview-scope"
              name="preview-scope"
              aria-label={t('scope')}
              optionType="button"
              value={scope}
              onChange={(event) => setScope(event.target.value as Scope)}
              options={SCOPES.map((value) => ({ value, label: t(`common:scope.${value}`) }))}
            />
          </Form.Item>
          {scope !== 'rules' && (
            <Form.Item label={t('dates')} htmlFor="preview-dates" extra={t('datesHelp')}>
              <DatePicker.RangePicker
                id={{ start: 'preview-dates' }}
                allowEmpty={[false, false]}
                onChange={(_, texts) => setDates(texts[0] && texts[1] ? [texts[0], texts[1]] : null)}
              />
            </Form.Item>
          )}
        </Flex>
        <Form.Item
          label={t('groups', { vendor: t(`common:vendor.${source}`) })}
          htmlFor="preview-groups"
          extra={t('groupsHelp')}
          validateStatus={groupsInvalid ? 'error' : undefined}
          help={groupsInvalid ? t('groupsRequired') : undefined}
        >
          <PreviewGroupPicker
            id="preview-groups"
            vendor={source}
            value={groups}
            invalid={groupsInvalid}
            onChange={(chosen) => {
              setGroups(chosen);
              if (chosen.length > 0) setTriedEmpty(false);
            }}
          />
        </Form.Item>
        <Space wrap>
          <Button
            type="primary"
            htmlType="submit"
            loading={dryRun.isPending || (previewed !== null && !finished && !run.isError)}
          >
            {t('preview')}
          </Button>
          <Popconfirm
            title={t('apply')}
            description={t('applyConfirm', { vendor: t(`common:vendor.${target}`) })}
            okText={t('applyOk')}
            cancelText={t('cancel')}
            disabled={!canApply}
            onConfirm={() => previewed && apply.mutate(previewed.request)}
          >
            <Button danger disabled={!canApply} loading={apply.isPending}>
              {t('apply')}
            </Button>
          </Popconfirm>
          {stale && <Typography.Text type="warning">{t('stale')}</Typography.Text>}
        </Space>
      </Form>

      {dryRun.isError && <Failure title={t('previewFailed')} error={dryRun.error} />}
      {apply.isError && <Failure title={t('applyFailed')} error={apply.error} />}
      {run.isError && <Failure title={t('previewFailed')} error={run.error} />}

      {previewed && detail && !finished && (
        <Alert
          type="info"
          showIcon
          role="status"
          title={detail.status === 'queued' ? t('queued') : t('running', { done: detail.progress?.itemsDone ?? 0 })}
        />
      )}

      {previewed && detail && finished && (
        <section aria-labelledby="preview-results" style={{ opacity: stale ? 0.6 : 1 }}>
          <Typography.Title level={3} id="preview-results">
            {t('results')}
          </Typography.Title>
          {detail.status === 'failed' && detail.error && (
            <Alert
              type="error"
              showIcon
              role="alert"
              title={t('runFailed', { message: detail.error })}
              style={{ marginBottom: 12 }}
            />
          )}
          <Typography.Paragraph role="status">{t('summary', detail.summary)}</Typography.Paragraph>
          {detail.items.length === 0 ? (
            <Typography.Text type="secondary">{t('noItems')}</Typography.Text>
          ) : (
            <Flex vertical gap={12}>
              {detail.items.map((item) => (
                <PreviewItem
                  key={`${item.sourceId}:${item.targetId ?? ''}`}
                  item={item}
                  scope={previewed.request.scope}
                  sourceName={previewed.names.get(item.sourceId)}
                  sourceVendor={sourceVendor(previewed.request.direction)}
                  targetVendor={targetVendor(previewed.request.direction)}
                />
              ))}
            </Flex>
          )}
        </section>
      )}
    </Flex>
  );
}
