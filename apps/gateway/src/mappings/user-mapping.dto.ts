import type { UserMapping } from '@app/mapping-store';
import { IsVendorId } from './vendor-id.validator.js';

/** One row of `PUT /api/v1/mappings/users`. */
export class UserMappingDto implements UserMapping {
  /** The Feishu user id of the type attendance calls use (`FEISHU_EMPLOYEE_TYPE`, employee_id by default). */
  @IsVendorId()
  readonly feishuUserId!: string;

  /** The WeCom userid. */
  @IsVendorId()
  readonly wecomUserId!: string;
}
