using NodaTime;

namespace Optin.Forms.EntityFrameworkCore.Storage;

/// <summary>A view count's day as stored: the number <c>yyyyMMdd</c>, readable in a query and ordered as the days.</summary>
internal static class ViewDays
{
    public static int ToNumber(LocalDate day) => (day.Year * 10000) + (day.Month * 100) + day.Day;

    public static LocalDate FromNumber(int number) => new(number / 10000, number / 100 % 100, number % 100);
}
