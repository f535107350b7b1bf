using System;
using System.Globalization;

namespace BmsGen.Runtime.Json;

/// <summary>
/// Reads and writes the date-and-time texts of the BMS, ECS and Nova APIs. Generated models keep a
/// <c>format: date-time</c> field as the text the service sent (its <c>…Text</c> member) and read it through
/// <see cref="ParseOrNull"/> each time the <see cref="DateTimeOffset"/> member is read, so a page of servers costs
/// no date parsing unless the caller looks at a date, and text that is not a date is kept rather than lost.
/// </summary>
/// <remarks>
/// <para>
/// The documents print the same fields in several forms: <c>2019-05-22T03:30:52Z</c> (Bare Metal Server API
/// Reference, server <c>created</c>), <c>2019-05-22T03:23:59.000000</c> (<c>OS-SRV-USG:launched_at</c>, no zone),
/// <c>2019-04-25T20:04:47.591Z</c> (job <c>begin_time</c>) and <c>2021-09-23 15:59:59</c> (a space instead of the
/// <c>T</c>). <see cref="TryParse"/> accepts all of them: a date <c>yyyy-MM-dd</c>; <c>T</c>, <c>t</c> or a space;
/// <c>HH:mm</c> with optional <c>:ss</c>; an optional fraction after <c>.</c> or <c>,</c> of any number of digits
/// (the first seven, 100 ns ticks, are kept; the rest are dropped); and an optional zone, <c>Z</c>, <c>+hh:mm</c>,
/// <c>+hhmm</c> or <c>+hh</c> (or <c>-</c>). A text without a zone is UTC: the APIs state their times in UTC
/// (Elastic Cloud Server API Reference, <c>changes-since</c>: "in UTC +0 and complies with ISO 8601"; the
/// Huawei Cloud Stack edition: "UTC"). Leading and trailing white space is ignored. Parsing never depends on the
/// current culture and never throws.
/// </para>
/// <para>
/// Anything else — an empty string (a running job's <c>end_time</c>), <c>0</c>, a date alone, a month 13 or a
/// 30 February — does not parse: the <see cref="DateTimeOffset"/> member reads null and the text stays readable.
/// </para>
/// </remarks>
public static class JsonDateTime
{
    private const int MaxFractionDigits = 7;

    /// <summary>
    /// The date and time of <paramref name="text"/>, or null when it is null or not a date and time in one of the
    /// accepted forms (see <see cref="JsonDateTime"/>).
    /// </summary>
    public static DateTimeOffset? ParseOrNull(string? text) =>
        text is not null && TryParse(text.AsSpan(), out DateTimeOffset value) ? value : null;

    /// <summary>
    /// Reads <paramref name="text"/> as a date and time in one of the accepted forms (see <see cref="JsonDateTime"/>);
    /// false, never an exception, when it is not one.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out DateTimeOffset value)
    {
        value = default;
        text = text.Trim();
        int position = 0;
        if (!Digits(text, ref position, 4, out int year) || !Expect(text, ref position, '-')
            || !Digits(text, ref position, 2, out int month) || !Expect(text, ref position, '-')
            || !Digits(text, ref position, 2, out int day))
        {
            return false;
        }

        if (position >= text.Length || text[position] is not ('T' or 't' or ' '))
        {
            return false;
        }

        position++;
        if (!Digits(text, ref position, 2, out int hour) || !Expect(text, ref position, ':') || !Digits(text, ref position, 2, out int minute))
        {
            return false;
        }

        int second = 0;
        long fractionTicks = 0;
        if (position < text.Length && text[position] == ':')
        {
            position++;
            if (!Digits(text, ref position, 2, out second))
            {
                return false;
            }

            if (position < text.Length && text[position] is '.' or ',')
            {
                position++;
                if (!Fraction(text, ref position, out fractionTicks))
                {
                    return false;
                }
            }
        }

        if (!Zone(text, ref position, out int offsetMinutes) || position != text.Length)
        {
            return false;
        }

        if (year < 1 || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        long localTicks = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).Ticks + fractionTicks;
        long offsetTicks = offsetMinutes * TimeSpan.TicksPerMinute;
        long utcTicks = localTicks - offsetTicks;
        if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks)
        {
            return false;
        }

        value = new DateTimeOffset(localTicks, TimeSpan.FromTicks(offsetTicks));
        return true;
    }

    /// <summary>
    /// <paramref name="value"/> in the ISO 8601 round-trip form (<c>2019-05-22T03:30:52.0000000+00:00</c>), the text a
    /// generated model writes for a date set in code; null for null.
    /// </summary>
    public static string? Format(DateTimeOffset? value) =>
        value?.ToString("O", CultureInfo.InvariantCulture);

    /// <summary>
    /// <paramref name="value"/> as ISO 8601 in UTC with a <c>Z</c> and only the fraction it has
    /// (<c>2019-05-22T03:30:52Z</c>, <c>2019-04-25T20:04:47.591Z</c>): the form the documents print for
    /// time parameters such as <c>changes-since</c>, and the form generated clients send for a date-time path,
    /// query or header parameter.
    /// </summary>
    public static string FormatUtc(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    /// <summary><see cref="FormatUtc(DateTimeOffset)"/> of a value that may be absent; null for null.</summary>
    public static string? FormatUtc(DateTimeOffset? value) => value is { } present ? FormatUtc(present) : null;

    private static bool Expect(ReadOnlySpan<char> text, ref int position, char expected)
    {
        if (position < text.Length && text[position] == expected)
        {
            position++;
            return true;
        }

        return false;
    }

    private static bool Digits(ReadOnlySpan<char> text, ref int position, int count, out int value)
    {
        value = 0;
        if (position + count > text.Length)
        {
            return false;
        }

        for (int i = 0; i < count; i++)
        {
            int digit = text[position + i] - '0';
            if ((uint)digit > 9)
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        position += count;
        return true;
    }

    private static bool Fraction(ReadOnlySpan<char> text, ref int position, out long ticks)
    {
        ticks = 0;
        int digits = 0;
        while (position < text.Length && (uint)(text[position] - '0') <= 9)
        {
            if (digits < MaxFractionDigits)
            {
                ticks = (ticks * 10) + (text[position] - '0');
            }

            digits++;
            position++;
        }

        for (int i = digits; i < MaxFractionDigits; i++)
        {
            ticks *= 10;
        }

        return digits > 0;
    }

    private static bool Zone(ReadOnlySpan<char> text, ref int position, out int offsetMinutes)
    {
        offsetMinutes = 0;
        if (position == text.Length)
        {
            return true;
        }

        char sign = text[position];
        if (sign is 'Z' or 'z')
        {
            position++;
            return true;
        }

        if (sign is not ('+' or '-'))
        {
            return false;
        }

        position++;
        if (!Digits(text, ref position, 2, out int hours))
        {
            return false;
        }

        int minutes = 0;
        if (position < text.Length)
        {
            if (text[position] == ':')
            {
                position++;
            }

            if (!Digits(text, ref position, 2, out minutes))
            {
                return false;
            }
        }

        if (hours > 14 || minutes > 59 || (hours == 14 && minutes > 0))
        {
            return false;
        }

        offsetMinutes = (sign == '-' ? -1 : 1) * ((hours * 60) + minutes);
        return true;
    }
}
