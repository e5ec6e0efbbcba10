import { Injectable, Optional } from '@nestjs/common';
import { FeishuClient } from '@app/feishu';
import { WecomClient } from '@app/wecom';
import { MissingCredentialsError } from '../config/app-config.js';

/**
 * The gateway's one client per vendor. Vendor credentials are optional at start-up, so a vendor's client
 * exists only when its credentials are configured (see VendorsModule); a feature that needs a missing one
 * fails with MissingCredentialsError naming the variables (the exception filter answers 503), the rest runs.
 * One instance per vendor matters: it owns the token cache and the per-endpoint rate limits.
 */
@Injectable()
export class VendorClients {
  constructor(
    @Optional() private readonly feishuClient?: FeishuClient,
    @Optional() private readonly wecomClient?: WecomClient,
  ) {}

  get feishuConfigured(): boolean {
    return this.feishuClient !== undefined;
  }

  get wecomConfigured(): boolean {
    return this.wecomClient !== undefined;
  }

  feishu(): FeishuClient {
    if (!this.feishuClient) throw new MissingCredentialsError(['FEISHU_APP_ID', 'FEISHU_APP_SECRET'], 'call Feishu');
    return this.feishuClient;
  }

  wecom(): WecomClient {
    if (!this.wecomClient) throw new MissingCredentialsError(['WECOM_CORP_ID', 'WECOM_CORP_SECRET'], 'call WeCom');
    return this.wecomClient;
  }
}
