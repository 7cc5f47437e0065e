namespace Optin.Forms.Rules;

/// <summary>
/// Marks a built-in action that reads the contact in its own transaction and skips a contact whose processing is
/// restricted (GDPR Art. 18) with <see cref="Rights.PersonalDataService.RestrictedReason"/>: the job runner then does not
/// read the contact a second time beforehand to check the same thing.
/// </summary>
internal interface IChecksRestrictionInTransaction;
