import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsString, ValidateBy, type ValidationOptions } from 'class-validator';
import { IfPresent } from '../../common/http/dto-helpers';
import { UserRefView } from '../../claims/dto/claim.view';
import { COMMENT_BODY_MAX } from '../comment.entity';

/**
 * 1 to COMMENT_BODY_MAX characters, counted as Unicode code points (an emoji is one character,
 * as PostgreSQL's char_length sees it), and not only white space. The body is never trimmed:
 * Markdown is stored exactly as written.
 */
function IsCommentBody(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCommentBody',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && value.trim().length > 0 && [...value].length <= COMMENT_BODY_MAX,
        defaultMessage: () => `must be 1 to ${COMMENT_BODY_MAX} characters of Markdown, not only white space`,
      },
    },
    options,
  );
}

const BODY_DOC = {
  description: `Markdown, 1 to ${COMMENT_BODY_MAX.toLocaleString('en')} characters, stored as written. \`@email@address\` or \`@[Full Name]\` mentions a person of the workspace.`,
  example: 'Budget table 4 says Ksh 2.06 billion, not 2.1. @[Grace Wanjiru] can you check the supplementary estimates?',
  minLength: 1,
  maxLength: COMMENT_BODY_MAX,
};

export class CreateCommentDto {
  @ApiProperty(BODY_DOC)
  @IsString()
  @IsCommentBody()
  body: string;
}

export class UpdateCommentDto {
  @ApiPropertyOptional({ ...BODY_DOC, description: `${BODY_DOC.description} Only its author may change it.` })
  @IfPresent()
  @IsString()
  @IsCommentBody()
  body?: string;

  @ApiPropertyOptional({ description: 'true resolves the comment, false reopens it (anyone of the workspace)' })
  @IfPresent()
  @IsBoolean()
  resolved?: boolean;
}

export class CommentView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'Markdown, exactly as written: render it with HTML disabled' }) body: string;
  @ApiProperty({ type: UserRefView }) author: UserRefView;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the body last changed' }) editedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) resolvedAt: string | null;
  @ApiProperty({ type: [UserRefView], description: 'The people of the workspace the body mentions, in the order first named' }) mentions: UserRefView[];
}
