import { Body, Controller, Get, HttpCode, Inject, Post, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { CSRF_COOKIE, SESSION_COOKIE, type MeResponse } from '@resonance/contracts';
import type { CookieOptions, Response } from 'express';
import { Auth, ClientIp, CurrentAuth } from '../common/auth/auth.decorator.js';
import type { AuthContext } from '../common/auth/auth-context.js';
import { Public } from '../common/decorators/public.decorator.js';
import { RateLimit } from '../common/throttling/rate-limit.js';
import { APP_CONFIG, type AppConfig } from '../infra/config/app-config.js';
import { AuthError } from './auth.errors.js';
import { AuthService, type SignedIn } from './auth.service.js';
import { ChangePasswordDto, CompletePasswordResetDto, LoginDto, MeDto, SignupDto } from './dto/auth.dto.js';
import { SESSION_MAX_MS } from './sessions.service.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @RateLimit('auth')
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: MeDto, description: `Sets the ${SESSION_COOKIE} (httpOnly) and ${CSRF_COOKIE} cookies.` })
  @ApiUnauthorizedResponse({ description: 'invalid_credentials: Email or password is incorrect.' })
  @ApiTooManyRequestsResponse({
    description: 'account_locked after 5 failures (15 minutes), or too many requests; see Retry-After.',
  })
  async login(
    @Body() body: LoginDto,
    @ClientIp() ip: string | null,
    @Res({ passthrough: true }) res: Response,
  ): Promise<MeResponse> {
    try {
      return this.startSession(res, await this.auth.login({ email: body.email, password: body.password, ip }));
    } catch (error) {
      if (error instanceof AuthError && error.code === 'account_locked') {
        const seconds = (error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
        if (seconds) res.setHeader('Retry-After', String(seconds));
      }
      throw error;
    }
  }

  @Public()
  @RateLimit('auth')
  @Post('signup')
  @ApiCreatedResponse({ type: MeDto, description: 'Creates the organisation and its owner, signed in.' })
  @ApiForbiddenResponse({ description: 'signup_disabled: RESONANCE_ALLOW_SIGNUP is off.' })
  async signup(
    @Body() body: SignupDto,
    @ClientIp() ip: string | null,
    @Res({ passthrough: true }) res: Response,
  ): Promise<MeResponse> {
    return this.startSession(res, await this.auth.signup({ ...body, ip }));
  }

  @Auth()
  @Post('logout')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Ends the session and clears the cookies.' })
  async logout(
    @CurrentAuth() auth: AuthContext,
    @ClientIp() ip: string | null,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    await this.auth.logout({ auth, ip });
    res.clearCookie(SESSION_COOKIE, this.cookieOptions(true));
    res.clearCookie(CSRF_COOKIE, this.cookieOptions(false));
  }

  @Auth()
  @RateLimit('auth')
  @Post('password')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Changed; your other sessions end, this one stays signed in.' })
  @ApiBadRequestResponse({
    description: 'wrong_current_password, or weak_password (says why and what to do)',
  })
  changePassword(
    @CurrentAuth() auth: AuthContext,
    @ClientIp() ip: string | null,
    @Body() body: ChangePasswordDto,
  ): Promise<void> {
    return this.auth.changePassword({ auth, ip, currentPassword: body.currentPassword, newPassword: body.newPassword });
  }

  @Public()
  @RateLimit('auth')
  @Post('password-reset')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The new password is set; every session of the member ends. Sign in with it.' })
  @ApiBadRequestResponse({ description: 'reset_link_invalid (used, expired or replaced), or weak_password' })
  completePasswordReset(@ClientIp() ip: string | null, @Body() body: CompletePasswordResetDto): Promise<void> {
    return this.auth.completePasswordReset({ token: body.token, newPassword: body.newPassword, ip });
  }

  @Auth()
  @Get('me')
  @ApiOkResponse({ type: MeDto })
  me(@CurrentAuth() auth: AuthContext): Promise<MeResponse> {
    return this.auth.me({ auth });
  }

  private startSession(res: Response, signedIn: SignedIn): MeResponse {
    res.cookie(SESSION_COOKIE, signedIn.token, { ...this.cookieOptions(true), maxAge: SESSION_MAX_MS });
    res.cookie(CSRF_COOKIE, signedIn.csrfToken, { ...this.cookieOptions(false), maxAge: SESSION_MAX_MS });
    return signedIn.me;
  }

  private cookieOptions(httpOnly: boolean): CookieOptions {
    return { httpOnly, sameSite: 'lax', secure: this.config.secureCookies, path: '/' };
  }
}
