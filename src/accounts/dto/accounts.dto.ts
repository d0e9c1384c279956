import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsString, Length, MaxLength } from 'class-validator';
import { ROLES, type Role } from '../../common/auth/roles';
import { IfPresent } from '../../common/http/dto-helpers';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateWorkspaceDto {
  @ApiProperty({ example: 'Nairobi Fact Desk' })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ example: 'editor-in-chief@desk.example' })
  @IsEmail()
  @MaxLength(320)
  adminEmail: string;
}

export class CreateUserDto {
  @ApiProperty({ example: 'wanjiku@desk.example' })
  @IsEmail()
  @MaxLength(320)
  email: string;

  @ApiProperty({ example: 'Wanjiku Mwangi' })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role: Role;
}

export class UpdateUserDto {
  @ApiPropertyOptional({ enum: ROLES })
  @IfPresent()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ description: 'false deactivates the user: their tokens stop working at once' })
  @IfPresent()
  @IsBoolean()
  active?: boolean;
}

export class UserView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty() active: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class UserWithTokenView extends UserView {
  @ApiProperty({ description: 'Shown once; store it now' }) token: string;
}

export class TokenView {
  @ApiProperty({ description: 'Shown once; earlier tokens of the user stop working' }) token: string;
}

export class WorkspaceAdminView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: ['admin'] }) role: 'admin';
  @ApiProperty({ description: 'Shown once' }) token: string;
}

export class CreatedWorkspaceView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: WorkspaceAdminView }) admin: WorkspaceAdminView;
}

export class WorkspaceRefView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class MeView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({ type: String, nullable: true, description: "The person's own IANA time zone; null: the workspace's" }) timezone: string | null;
  @ApiProperty({ description: 'false: no daily digest' }) digest: boolean;
  @ApiProperty({ type: WorkspaceRefView }) workspace: WorkspaceRefView;
}
