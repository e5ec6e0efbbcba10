import type { DepartmentMapping } from '@app/mapping-store';
import { ApiProperty } from '@nestjs/swagger';
import { IsVendorId, MAX_VENDOR_ID_LENGTH } from './vendor-id.validator.js';

/** One row of `PUT /api/v1/mappings/departments`. */
export class DepartmentMappingDto implements DepartmentMapping {
  /** The Feishu department id, of the type the gateway's Feishu client is configured for. */
  @ApiProperty({
    minLength: 1,
    maxLength: MAX_VENDOR_ID_LENGTH,
    description: 'Feishu open department id.',
    example: 'od-1a2b',
  })
  @IsVendorId()
  readonly feishuDepartmentId!: string;

  /** The WeCom department (party) id, as a string like every id of the API. */
  @ApiProperty({
    minLength: 1,
    maxLength: MAX_VENDOR_ID_LENGTH,
    description: 'WeCom department (party) id, as a string.',
    example: '2',
  })
  @IsVendorId()
  readonly wecomPartyId!: string;
}
