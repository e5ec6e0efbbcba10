import type { DepartmentMapping } from '@app/mapping-store';
import { IsVendorId } from './vendor-id.validator.js';

/** One row of `PUT /api/v1/mappings/departments`. */
export class DepartmentMappingDto implements DepartmentMapping {
  /** The Feishu department id, of the type the gateway's Feishu client is configured for. */
  @IsVendorId()
  readonly feishuDepartmentId!: string;

  /** The WeCom department (party) id, as a string like every id of the API. */
  @IsVendorId()
  readonly wecomPartyId!: string;
}
