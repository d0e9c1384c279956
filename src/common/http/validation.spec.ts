import { plainToInstance } from 'class-transformer';
import { IsInt, IsString, Max, MaxLength, Min, validate } from 'class-validator';
import { flattenValidationErrors } from './validation';

class Note {
  @IsString()
  @MaxLength(10)
  title!: string;

  @IsInt({ message: 'must be a whole number from 1 to 5' })
  @Min(1, { message: 'must be a whole number from 1 to 5' })
  @Max(5, { message: 'must be a whole number from 1 to 5' })
  stars!: number;
}

const errorsOf = async (body: object) => flattenValidationErrors(await validate(plainToInstance(Note, body)));

describe('flattenValidationErrors', () => {
  it('tells a value of the wrong kind, or a missing one, only what kind it must be', async () => {
    expect(await errorsOf({ title: 42, stars: 3 })).toEqual([{ field: 'title', message: 'must be a string' }]);
    expect(await errorsOf({ stars: 3 })).toEqual([{ field: 'title', message: 'must be a string' }]);
  });

  it('gives the other rules when the kind is right', async () => {
    expect(await errorsOf({ title: 'far too long a title', stars: 3 })).toEqual([
      { field: 'title', message: 'must be shorter than or equal to 10 characters' },
    ]);
  });

  it('gives a message that several rules share once', async () => {
    expect(await errorsOf({ title: 'ok', stars: 'many' })).toEqual([{ field: 'stars', message: 'must be a whole number from 1 to 5' }]);
    expect(await errorsOf({ title: 'ok', stars: 9 })).toEqual([{ field: 'stars', message: 'must be a whole number from 1 to 5' }]);
  });
});
