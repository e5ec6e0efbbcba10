import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiV1Controller } from '../openapi/api-errors.decorator.js';
import { VendorsStatusDto } from '../openapi/api-responses.js';
import { VendorStatusService, type VendorStatus } from './vendor-status.service.js';

/** Extension of the public contract: can the gateway reach each vendor with its configured credentials? */
@ApiV1Controller('vendors')
@Controller('api/v1/vendors')
export class VendorsController {
  constructor(private readonly status: VendorStatusService) {}

  @Get()
  @ApiOperation({ summary: 'Can the gateway reach each vendor with its configured credentials?' })
  @ApiOkResponse({ type: VendorsStatusDto })
  check(): Promise<{ feishu: VendorStatus; wecom: VendorStatus }> {
    return this.status.check();
  }
}
