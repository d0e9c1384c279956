import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsString, IsUUID, Length, MaxLength, ValidateIf } from 'class-validator';
import { IfPresent } from '../../common/http/dto-helpers';
import { IsIanaTimeZone, SpellTimeZone } from '../../common/time/validators';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const lower = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);

/** Long enough for any password the policy accepts; anything longer is not worth hashing. */
const PASSWORD_INPUT_MAX = 1024;

export class LoginDto {
  @ApiPropertyOptional({ example: 'chebet@desk.example' })
  @ValidateIf((dto: LoginDto) => dto.token === undefined)
  @Transform(lower)
  @IsString()
  @Length(3, 320)
  email?: string;

  @ApiPropertyOptional({ format: 'password' })
  @ValidateIf((dto: LoginDto) => dto.token === undefined)
  @IsString()
  @MaxLength(PASSWORD_INPUT_MAX)
  password?: string;

  @ApiPropertyOptional({ description: 'The instance admin signs in with ADMIN_TOKEN instead of an e-mail address and password' })
  @IfPresent()
  @IsString()
  @Length(1, 1024)
  token?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Which workspace, when the e-mail address and password fit users of several' })
  @IfPresent()
  @IsUUID()
  workspaceId?: string;
}

export class AcceptInvitationDto {
  @ApiProperty({ format: 'password', minLength: 12, maxLength: 128 })
  @IsString()
  @MaxLength(PASSWORD_INPUT_MAX)
  password: string;

  @ApiPropertyOptional({ example: 'Chebet Kiprono' })
  @IfPresent()
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  name?: string;
}

export class PasswordResetRequestDto {
  @ApiProperty({ example: 'chebet@desk.example' })
  @Transform(lower)
  @IsString()
  @Length(3, 320)
  email: string;
}

export class PasswordResetDto {
  @ApiProperty({ format: 'password', minLength: 12, maxLength: 128 })
  @IsString()
  @MaxLength(PASSWORD_INPUT_MAX)
  password: string;
}

export class UpdateMeDto {
  @ApiPropertyOptional()
  @IfPresent()
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: "An IANA time zone for this person; null: the workspace's" })
  @ValidateIf((_dto: unknown, value: unknown) => value !== undefined && value !== null)
  @SpellTimeZone()
  @IsIanaTimeZone()
  timezone?: string | null;

  @ApiPropertyOptional({ description: 'false: no daily digest' })
  @IfPresent()
  @IsBoolean()
  digest?: boolean;

  @ApiPropertyOptional({ format: 'password', description: 'A new password; needs currentPassword and ends your other sessions' })
  @IfPresent()
  @IsString()
  @MaxLength(PASSWORD_INPUT_MAX)
  password?: string;

  @ApiPropertyOptional({ format: 'password' })
  @IfPresent()
  @IsString()
  @MaxLength(PASSWORD_INPUT_MAX)
  currentPassword?: string;
}

export class InvitationView {
  @ApiProperty({ example: 'https://desk.example/invite/2f0c…' }) url: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
}

class InvitationWorkspaceView {
  @ApiProperty() name: string;
}

export class InvitationInfoView {
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: InvitationWorkspaceView }) workspace: InvitationWorkspaceView;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
}

export class SessionView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) lastSeenAt: string;
  @ApiProperty({ type: String, nullable: true }) userAgent: string | null;
  @ApiProperty({ description: 'true for the session this request came with' }) current: boolean;
}
