import { Checkbox, Form, Modal, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { IDENTITY_ATTRIBUTES, type IdentityAttribute, type MatchRequest } from '../pages/matches-api';

interface RunFormValues {
  readonly attributes: IdentityAttribute[];
  readonly dryRun: boolean;
  readonly autoAccept: boolean;
}

/**
 * The options of a match run: the attributes in the order they are tried (the multi-select keeps the order they
 * were picked in, and the gateway's default order is where it starts), dry run, auto-accept.
 */
export function MatchRunForm({
  open,
  submitting,
  onSubmit,
  onCancel,
}: {
  open: boolean;
  submitting: boolean;
  onSubmit: (request: MatchRequest) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('matches');
  const [form] = Form.useForm<RunFormValues>();
  return (
    <Modal
      open={open}
      title={t('run.title')}
      okText={t('run.submit')}
      cancelText={t('run.cancel')}
      confirmLoading={submitting}
      onOk={() => form.submit()}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Form<RunFormValues>
        form={form}
        layout="vertical"
        initialValues={{ attributes: [...IDENTITY_ATTRIBUTES], dryRun: false, autoAccept: false }}
        onFinish={(values) =>
          onSubmit({ attributes: values.attributes, dryRun: values.dryRun, autoAccept: values.autoAccept })
        }
      >
        <Form.Item
          name="attributes"
          label={t('run.attributes')}
          extra={t('run.attributesHelp')}
          rules={[{ required: true, type: 'array', min: 1, message: t('run.attributeRequired') }]}
        >
          <Select
            mode="multiple"
            aria-label={t('run.attributes')}
            options={IDENTITY_ATTRIBUTES.map((attribute) => ({
              value: attribute,
              label: t(`run.attribute.${attribute}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="dryRun" valuePropName="checked" style={{ marginBottom: 8 }}>
          <Checkbox>{t('run.dryRun')}</Checkbox>
        </Form.Item>
        <Form.Item name="autoAccept" valuePropName="checked" style={{ marginBottom: 0 }}>
          <Checkbox>{t('run.autoAccept')}</Checkbox>
        </Form.Item>
        <Typography.Text type="secondary">{t('run.autoAcceptHelp')}</Typography.Text>
      </Form>
    </Modal>
  );
}
