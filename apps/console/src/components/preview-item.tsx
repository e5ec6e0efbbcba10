import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Collapse, Flex, Row, Spin, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../i18n/i18n';
import { translateLoss } from '../i18n/loss-messages';
import {
  errorMessages,
  getVendorGroup,
  itemPlan,
  type Loss,
  type RunItem,
  type Scope,
  type Severity,
  type Vendor,
  writtenGroup,
} from '../pages/preview-api';
import { alignKeys, diffJson } from '../pages/preview-diff';
import { PreviewJson } from './preview-json';

const SEVERITIES: readonly Severity[] = ['blocking', 'dropped', 'approximated', 'info'];
const SEVERITY_COLOR: Record<Severity, string> = {
  blocking: 'red',
  dropped: 'volcano',
  approximated: 'gold',
  info: 'blue',
};
const ACTION_COLOR: Record<RunItem['action'], string> = {
  created: 'green',
  updated: 'blue',
  unchanged: 'default',
  skipped: 'orange',
  failed: 'red',
};

/** The losses of one item, grouped by severity (the most serious first), in the console's language. */
function Losses(props: { readonly losses: readonly Loss[] }): ReactNode {
  const { t, i18n } = useTranslation('preview');
  const language: Language = i18n.language === 'en' ? 'en' : 'zh';
  if (props.losses.length === 0) return <Typography.Text type="secondary">{t('noLosses')}</Typography.Text>;
  return (
    <Flex vertical gap={8}>
      {SEVERITIES.filter((severity) => props.losses.some((loss) => loss.severity === severity)).map((severity) => (
        <div key={severity}>
          <Tag color={SEVERITY_COLOR[severity]}>{t(`common:severity.${severity}`)}</Tag>
          <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
            {props.losses
              .filter((loss) => loss.severity === severity)
              .map((loss, index) => (
                <li key={index}>
                  <Typography.Text code>{loss.field}</Typography.Text> {translateLoss(loss.message, language)}
                </li>
              ))}
          </ul>
        </div>
      ))}
    </Flex>
  );
}

/** A value in one short line, for the list of changes. */
function brief(value: unknown): string {
  const text = JSON.stringify(value) ?? 'null';
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

/** The current rule beside what would be written, the changed fields highlighted on both sides and listed. */
function SideBySide(props: {
  readonly vendor: Vendor;
  readonly targetId: string;
  readonly written: Record<string, unknown>;
}): ReactNode {
  const { t } = useTranslation('preview');
  const vendorName = t(`common:vendor.${props.vendor}`);
  const current = useQuery({
    queryKey: ['vendor-group', props.vendor, props.targetId],
    queryFn: () => getVendorGroup(props.vendor, props.targetId),
  });
  if (current.isPending) return <Spin />;
  if (current.isError || current.data === null) {
    return (
      <Flex vertical gap={8}>
        <Alert
          type={current.isError ? 'error' : 'warning'}
          showIcon
          role={current.isError ? 'alert' : undefined}
          title={
            current.isError
              ? t('currentFailed', { vendor: vendorName, message: errorMessages(current.error).join('; ') })
              : t('currentMissing', { vendor: vendorName })
          }
        />
        <Typography.Text strong>{t('written', { vendor: vendorName })}</Typography.Text>
        <PreviewJson value={props.written} label={t('written', { vendor: vendorName })} />
      </Flex>
    );
  }
  // An update sends only what it sets: fields it leaves out stay as the vendor holds them, and inside a written
  // array a field left out that was empty stays empty.
  const diff = diffJson(current.data.record, props.written, { ignoreMissingInAfter: true, ignoreRemovedEmpty: true });
  const record = alignKeys(current.data.record, props.written);
  return (
    <Flex vertical gap={8}>
      <div>
        <Typography.Text strong>{t('changes', { count: diff.length })}</Typography.Text>
        {diff.length === 0 ? (
          <div>
            <Typography.Text type="secondary">{t('noChanges')}</Typography.Text>
          </div>
        ) : (
          <ul aria-label={t('changes', { count: diff.length })} style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
            {diff.map((entry) => (
              <li key={`${entry.kind}:${entry.path}`} data-diff={entry.kind}>
                <Tag>{t(`kind.${entry.kind}`)}</Tag>
                <Typography.Text code>{entry.path || '∅'}</Typography.Text>{' '}
                <Typography.Text type="secondary">
                  {entry.kind === 'added'
                    ? brief(entry.after)
                    : entry.kind === 'removed'
                      ? brief(entry.before)
                      : `${brief(entry.before)} → ${brief(entry.after)}`}
                </Typography.Text>
              </li>
            ))}
          </ul>
        )}
      </div>
      <Typography.Text type="secondary">{t('legend')}</Typography.Text>
      <Row gutter={16}>
        <Col span={12}>
          <Typography.Text strong>{t('current', { vendor: vendorName })}</Typography.Text>
          <PreviewJson value={record} label={t('current', { vendor: vendorName })} pane="before" diff={diff} />
        </Col>
        <Col span={12}>
          <Typography.Text strong>{t('written', { vendor: vendorName })}</Typography.Text>
          <PreviewJson value={props.written} label={t('written', { vendor: vendorName })} pane="after" diff={diff} />
        </Col>
      </Row>
    </Flex>
  );
}

/**
 * One previewed item: its action, what it loses, the gateway's notes, and what would be written — for a rule
 * update beside the target's current rule, changes highlighted.
 */
export function PreviewItem(props: {
  readonly item: RunItem;
  readonly scope: Scope;
  readonly sourceName?: string;
  readonly sourceVendor: Vendor;
  readonly targetVendor: Vendor;
}): ReactNode {
  const { t } = useTranslation('preview');
  const { item, scope } = props;
  const plan = itemPlan(item);
  const written = plan ? writtenGroup(plan) : null;
  const targetName = t(`common:vendor.${props.targetVendor}`);
  const sideBySide = scope === 'rules' && item.action === 'updated' && item.targetId && written;
  const title = (
    <Flex gap={8} align="center" wrap>
      <Tag color={ACTION_COLOR[item.action]} data-testid="preview-action">
        {t(`action.${item.action}`)}
      </Tag>
      <span>
        {scope === 'punches' ? t('person') : t('source')}: {props.sourceName ? `${props.sourceName} ` : ''}
        <Typography.Text type="secondary">({item.sourceId})</Typography.Text>
      </span>
      <span aria-hidden>→</span>
      <span>
        {t('target')}: {item.targetId ?? (item.action === 'created' ? t('targetNew') : '—')}
      </span>
    </Flex>
  );
  return (
    <Card
      size="small"
      title={title}
      data-source-id={item.sourceId}
      role="region"
      aria-label={`${props.sourceName ?? item.sourceId}`}
    >
      <Flex vertical gap={12}>
        {item.error && (
          <Alert
            type={item.action === 'failed' ? 'error' : 'warning'}
            showIcon
            title={`${t('error')}: ${item.error}`}
          />
        )}
        <section>
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            {t('losses')}
          </Typography.Title>
          <Losses losses={item.losses} />
        </section>
        {item.notes && item.notes.length > 0 && (
          <section>
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {t('notes')}
            </Typography.Title>
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {item.notes.map((note, index) => (
                <li key={index}>{note.message}</li>
              ))}
            </ul>
          </section>
        )}
        {sideBySide ? (
          <SideBySide vendor={props.targetVendor} targetId={item.targetId!} written={written} />
        ) : written ? (
          <div>
            <Typography.Text strong>{t('written', { vendor: targetName })}</Typography.Text>
            <PreviewJson value={written} label={t('written', { vendor: targetName })} />
          </div>
        ) : !plan || plan.requests.length === 0 ? (
          <Typography.Text type="secondary">{t('nothingWritten')}</Typography.Text>
        ) : null}
        {plan && plan.requests.length > 0 && (
          <Collapse
            size="small"
            defaultActiveKey={written ? [] : ['requests']}
            items={[
              {
                key: 'requests',
                label: t('requests', { vendor: t(`common:vendor.${plan.vendor}`) }),
                children: (
                  <Flex vertical gap={8}>
                    {plan.requests.map((request, index) => (
                      <div key={index}>
                        <Typography.Text code>{`${index + 1}. ${request.api}`}</Typography.Text>
                        <PreviewJson value={request.body} label={`${index + 1}. ${request.api}`} maxHeight={320} />
                      </div>
                    ))}
                  </Flex>
                ),
              },
            ]}
          />
        )}
      </Flex>
    </Card>
  );
}
