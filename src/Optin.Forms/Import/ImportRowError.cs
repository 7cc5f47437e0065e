namespace Optin.Forms.Import;

/// <summary>Why a row (or the whole file) was not imported. Holds no value from the row, so it can be logged.</summary>
/// <param name="Line">The line the record starts on (the header is line 1).</param>
/// <param name="Code">A stable code (<see cref="ImportCodes"/>, <see cref="Submissions.SubmissionCodes"/>).</param>
/// <param name="Message">What is wrong, naming the column.</param>
public sealed record ImportRowError(int Line, string Code, string Message);
