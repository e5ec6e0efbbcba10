import { Alert, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { translateLoss } from '../i18n/loss-messages';
import { type Loss, type RunItem, SEVERITIES, SEVERITY_COLORS } from '../pages/runs-model';

function valueText(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * What happened to one item beyond its action: the vendor's error (failed) or the reason (skipped), its losses
 * grouped by severity, worst first, and the gateway's notes. Messages go through the loss translator.
 */
export function RunItemDetails({ item }: { item: RunItem }) {
  const { t, i18n } = useTranslation('runDetail');
  const language = i18n.language === 'en' ? 'en' : 'zh';
  const losses = item.losses as readonly Loss[];
  const groups = SEVERITIES.map((severity) => ({
    severity,
    losses: losses.filter((loss) => loss.severity === severity),
  })).filter((group) => group.losses.length > 0);
  if (!item.error && groups.length === 0 && item.notes.length === 0) {
    return <Typography.Text type="secondary">—</Typography.Text>;
  }
  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }}>
      {item.error && (
        <Alert
          type={item.action === 'failed' ? 'error' : 'warning'}
          showIcon
          title={t(item.action === 'failed' ? 'error.failed' : 'error.other')}
          description={<span style={{ wordBreak: 'break-word' }}>{item.error}</span>}
        />
      )}
      {groups.map((group) => (
        <section
          key={group.severity}
          aria-label={t('losses.group', { severity: t(`common:severity.${group.severity}`) })}
        >
          <Tag color={SEVERITY_COLORS[group.severity]}>
            {t(`common:severity.${group.severity}`)} · {group.losses.length}
          </Tag>
          <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
            {group.losses.map((loss, index) => (
              <li key={index}>
                <Typography.Text>{translateLoss(loss.message, language)}</Typography.Text>{' '}
                <Typography.Text type="secondary" code style={{ fontSize: 12 }}>
                  {loss.field}
                </Typography.Text>
                {(loss.sourceValue !== undefined || loss.targetValue !== undefined) && (
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('losses.values', {
                        source: loss.sourceValue === undefined ? '—' : valueText(loss.sourceValue),
                        target: loss.targetValue === undefined ? '—' : valueText(loss.targetValue),
                      })}
                    </Typography.Text>
                  </div>
                )}
              </li>
            ))}
          </ul>
        </section>
      ))}
      {item.notes.length > 0 && (
        <section aria-label={t('notes')}>
          <Tag>{t('notes')}</Tag>
          <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
            {item.notes.map((note, index) => (
              <li key={index}>{translateLoss(note.message, language)}</li>
            ))}
          </ul>
        </section>
      )}
    </Space>
  );
}
