import { Controller, Get, Headers, Query, Req, Res } from '@nestjs/common';
import { ApiExtraModels, ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentActor, type Actor } from '../common/auth/actor';
import { ApiProblems } from '../common/http/api-errors.decorator';
import { LIVE_EVENT_TYPES } from '../events/live-events';
import { LiveEventMessage, LiveEventsQuery } from './dto/live-events.dto';
import { LiveHub } from './live-hub';
import { parseLastEventId } from './sse';

const DESCRIPTION = `A Server-Sent Events stream (\`text/event-stream\`) of what happens in the caller's workspace, as it commits:
${LIVE_EVENT_TYPES.map((type) => `\`${type}\``).join(', ')} (notification.created for the connected user alone).

Each message has \`event:\` (the type), \`id:\` (increasing within the workspace) and \`data:\`, one line of JSON
\`{ type, at, claimId?, data }\` (schema LiveEventMessage). A comment line arrives every 15 s.

- Reconnecting with \`Last-Event-ID\` (or \`?lastEventId=\`) sends what was missed, when it is less than an hour old;
  otherwise one \`reset\` event comes (reload, then carry on: its \`id:\` is the stream's present position).
- When Redis is unreachable the stream ends and new streams are refused (503): reconnect and resume.
- A stream ends when its token is rotated or revoked, its session ends, or its user is deactivated.`;

@ApiTags('live')
@ApiExtraModels(LiveEventMessage)
@Controller('v1/events')
export class LiveController {
  constructor(private readonly hub: LiveHub) {}

  @Get()
  @ApiOperation({ summary: "Live events of the caller's workspace (Server-Sent Events)", operationId: 'streamEvents', description: DESCRIPTION })
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'The id of the last event received: the stream resumes after it' })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({
    description: 'The stream; it does not end by itself',
    content: {
      'text/event-stream': {
        schema: { type: 'string', description: `Messages whose data is a ${getSchemaPath(LiveEventMessage)} as JSON` },
        example:
          'retry: 2000\n\nevent: claim.created\nid: 1042\ndata: {"type":"claim.created","at":"2026-03-02T09:15:00.000Z","claimId":"0c8f…","data":{"text":"…","kind":"promise","status":"submitted","actor":{"id":"…","name":"Grace Wanjiru"}}}\n\n: keep-alive\n\n',
      },
    },
  })
  @ApiProblems('VALIDATION_FAILED')
  async stream(
    @CurrentActor() actor: Actor,
    @Query() query: LiveEventsQuery,
    @Headers('last-event-id') lastEventIdHeader: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.hub.open(actor, request, reply, parseLastEventId(lastEventIdHeader ?? query.lastEventId));
  }
}
