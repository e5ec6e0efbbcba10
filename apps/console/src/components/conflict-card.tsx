import { Alert, Button, Card, Col, Descriptions, Row, Space, Tag, Typography } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import type { components } from '../api/schema';
import { type ConflictChoice, ConflictResolveModal } from './conflict-resolve-modal';
import { type Vendor, VendorRecordCard } from './vendor-record-card';

type Conflict = components['schemas']['ConflictDto'];

interface Side {
  readonly id: string | null;
  readonly name: string | null;
  readonly role: 'source' | 'found' | 'linked';
}

/** The Feishu and WeCom sides of a conflict: for a name conflict, the source and the same-named object found. */
function sides(conflict: Conflict): Record<Vendor, Side> {
  const feishu: Side = { id: conflict.feishuGroupId, name: conflict.feishuGroupName, role: 'linked' };
  const wecom: Side = { id: conflict.wecomRuleId, name: conflict.wecomRuleName, role: 'linked' };
  const found = conflict.found;
  if (conflict.kind !== 'name_taken' || found === null) return { feishu, wecom };
  const foundSide: Side = { id: found.id, name: found.name, role: 'found' };
  return found.vendor === 'wecom'
    ? { feishu: { ...feishu, role: 'source' }, wecom: foundSide }
    : { feishu: foundSide, wecom: { ...wecom, role: 'source' } };
}

export function conflictName(conflict: Conflict): string | null {
  return conflict.feishuGroupName ?? conflict.wecomRuleName ?? conflict.found?.name ?? null;
}

interface Option {
  readonly key: string;
  readonly choice: ConflictChoice;
  readonly label: string;
  readonly help: string;
}

/**
 * One conflict: its kind in plain words, both sides as the vendors read them now, and — while open — exactly the
 * resolutions the API offers for its kind, each with what it will do; resolved, how and when.
 */
export function ConflictCard({ conflict }: { conflict: Conflict }) {
  const { t, i18n } = useTranslation('conflicts');
  const [chosen, setChosen] = useState<Option | null>(null);
  const headingId = useId();
  const choicesId = useId();
  const dateTime = new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'zh-CN', {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
  const name = conflictName(conflict) ?? t('unnamed');
  const both = sides(conflict);
  const open = conflict.resolvedAt === null;
  const found = conflict.found;
  // A name conflict's source is the vendor other than the found object's; the found object sits in the target.
  const sourceVendor: Vendor = found?.vendor === 'feishu' ? 'wecom' : 'feishu';
  const targetVendor: Vendor = found?.vendor ?? 'wecom';
  const words = {
    name,
    source: t(`common:vendor.${sourceVendor}`),
    target: t(`common:vendor.${targetVendor}`),
    sourceName: both[sourceVendor].name ?? both[sourceVendor].id ?? name,
    foundName: found?.name ?? name,
  };
  const options: Option[] =
    conflict.kind === 'name_taken'
      ? (['adopt', 'overwrite', 'skip'] as const).map((resolution) => ({
          key: resolution,
          choice: { resolution },
          label: t(`resolution.${resolution}`),
          help: t(`resolutionHelp.${resolution}`, words),
        }))
      : (['feishu', 'wecom'] as const).map((winner) => ({
          key: winner,
          choice: { winner },
          label: t(`winner.${winner}`),
          help: t(`winnerHelp.${winner}`),
        }));
  const how =
    conflict.resolution !== null
      ? t(`resolution.${conflict.resolution}`)
      : conflict.winner !== null
        ? t(`winner.${conflict.winner}`)
        : null;

  return (
    <Card
      role="region"
      aria-labelledby={headingId}
      data-conflict-id={conflict.id}
      title={
        <Space wrap>
          <Typography.Title level={3} id={headingId} style={{ margin: 0, fontSize: 18 }}>
            {name}
          </Typography.Title>
          <Tag color="orange">{t(`kind.${conflict.kind}`)}</Tag>
          <Tag color={open ? 'red' : 'default'}>{t(open ? 'state.open' : 'state.resolved')}</Tag>
        </Space>
      }
      extra={
        <Typography.Text type="secondary">
          <time dateTime={conflict.detectedAt}>
            {t('detectedAt', { at: dateTime.format(new Date(conflict.detectedAt)) })}
          </time>
        </Typography.Text>
      }
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Alert
          type={open ? 'warning' : 'info'}
          showIcon
          title={
            conflict.kind === 'name_taken'
              ? t('kindHelp.name_taken', { name: words.sourceName, target: words.target })
              : t('kindHelp.content')
          }
        />
        <Row gutter={[16, 16]}>
          {(['feishu', 'wecom'] as const).map((vendor) => (
            <Col key={vendor} xs={24} md={12}>
              <VendorRecordCard
                vendor={vendor}
                id={both[vendor].id}
                name={both[vendor].name}
                role={t(`side.${both[vendor].role}`)}
              />
            </Col>
          ))}
        </Row>
        {open ? (
          <div role="group" aria-labelledby={choicesId}>
            <Typography.Title level={4} id={choicesId} style={{ fontSize: 16 }}>
              {t('choose')}
            </Typography.Title>
            <Space orientation="vertical" size="small" style={{ width: '100%' }}>
              {options.map((option) => (
                <Row key={option.key} gutter={12} align="middle" wrap={false}>
                  <Col flex="200px">
                    <Button
                      block
                      danger={option.key === 'overwrite'}
                      onClick={() => setChosen(option)}
                      aria-describedby={`${choicesId}-${option.key}`}
                    >
                      {option.label}
                    </Button>
                  </Col>
                  <Col flex="auto">
                    <Typography.Text id={`${choicesId}-${option.key}`}>{option.help}</Typography.Text>
                  </Col>
                </Row>
              ))}
            </Space>
          </div>
        ) : (
          <Descriptions
            size="small"
            column={1}
            items={[
              {
                key: 'resolvedAt',
                label: t('state.resolved'),
                children: dateTime.format(new Date(conflict.resolvedAt!)),
              },
              ...(how === null ? [] : [{ key: 'how', label: t('how'), children: how }]),
              ...(conflict.resolutionRunId === null
                ? []
                : [
                    {
                      key: 'run',
                      label: t('resolutionRun'),
                      children: <RouterLink to={`/runs/${conflict.resolutionRunId}`}>{t('openRun')}</RouterLink>,
                    },
                  ]),
            ]}
          />
        )}
        <Space wrap size="large">
          {conflict.detectedByRunId !== null && (
            <Typography.Text type="secondary">
              {t('detectedBy')}: <RouterLink to={`/runs/${conflict.detectedByRunId}`}>{t('openRun')}</RouterLink>
            </Typography.Text>
          )}
          <RouterLink to={`/links?q=${encodeURIComponent(conflict.linkId)}`}>{t('openLink')}</RouterLink>
        </Space>
      </Space>
      {chosen && (
        <ConflictResolveModal
          conflict={conflict}
          name={name}
          choice={chosen.choice}
          label={chosen.label}
          explanation={chosen.help}
          onClose={() => setChosen(null)}
        />
      )}
    </Card>
  );
}
