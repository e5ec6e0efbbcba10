import type { UserMapping } from '@app/mapping-store';
import { ApiProperty } from '@nestjs/swagger';
import { IsVendorId, MAX_VENDOR_ID_LENGTH } from './vendor-id.validator.js';

/** One row of `PUT /api/v1/mappings/users`. */
export class UserMappingDto implements UserMapping {
  /** The Feishu user id of the type attendance calls use (`FEISHU_EMPLOYEE_TYPE`, employee_id by default). */
  @ApiProperty({
    minLength: 1,
    maxLength: MAX_VENDOR_ID_LENGTH,
    description: 'Feishu user id of the type FEISHU_EMPLOYEE_TYPE (employee_id by default).',
    example: 'e1001',
  })
  @IsVendorId()
  readonly feishuUserId!: string;

  /** The WeCom userid. */
  @ApiProperty({ minLength: 1, maxLength: MAX_VENDOR_ID_LENGTH, description: 'WeCom userid.', example: 'zhangwei' })
  @IsVendorId()
  readonly wecomUserId!: string;
}
