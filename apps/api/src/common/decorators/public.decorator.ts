import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'resonance:isPublic';

/** Marks a route that needs no session or API key (health, login, signup, docs). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);
