using System;
using System.Globalization;
using System.Threading;
using BmsGen.Runtime.Json;
using Xunit;

namespace BmsGen.Runtime.Tests;

public sealed class JsonDateTimeTests
{
    [Theory]
    // The forms the API references print, each read as UTC when it names no zone.
    [InlineData("2018-05-09T01:15:24Z", "2018-05-09T01:15:24.0000000+00:00")]
    [InlineData("2018-05-09T01:15:24.000000", "2018-05-09T01:15:24.0000000+00:00")]
    [InlineData("2018-05-09 01:15:24", "2018-05-09T01:15:24.0000000+00:00")]
    [InlineData("2019-04-25T20:04:47.591Z", "2019-04-25T20:04:47.5910000+00:00")]
    [InlineData("2019-05-07T12:06:13.681238", "2019-05-07T12:06:13.6812380+00:00")]
    // Lower-case separators, a comma before the fraction, no seconds, white space around.
    [InlineData("2018-05-09t01:15:24z", "2018-05-09T01:15:24.0000000+00:00")]
    [InlineData("2018-05-09T01:15:24,5Z", "2018-05-09T01:15:24.5000000+00:00")]
    [InlineData("2018-05-09T01:15", "2018-05-09T01:15:00.0000000+00:00")]
    [InlineData("  2018-05-09T01:15:24Z ", "2018-05-09T01:15:24.0000000+00:00")]
    // Fractions of any length: seven digits are 100 ns ticks, more are cut, one is tenths.
    [InlineData("2018-05-09T01:15:24.1", "2018-05-09T01:15:24.1000000+00:00")]
    [InlineData("2018-05-09T01:15:24.1234567", "2018-05-09T01:15:24.1234567+00:00")]
    [InlineData("2018-05-09T01:15:24.123456789Z", "2018-05-09T01:15:24.1234567+00:00")]
    // Offsets keep their offset.
    [InlineData("2018-05-09T09:15:24+08:00", "2018-05-09T09:15:24.0000000+08:00")]
    [InlineData("2018-05-09T09:15:24+0800", "2018-05-09T09:15:24.0000000+08:00")]
    [InlineData("2018-05-09T09:15:24+08", "2018-05-09T09:15:24.0000000+08:00")]
    [InlineData("2018-05-08T21:45:24.25-03:30", "2018-05-08T21:45:24.2500000-03:30")]
    [InlineData("2018-05-09T01:15:24+14:00", "2018-05-09T01:15:24.0000000+14:00")]
    // Calendar edges.
    [InlineData("2024-02-29T23:59:59Z", "2024-02-29T23:59:59.0000000+00:00")]
    [InlineData("0001-01-01T00:00:00Z", "0001-01-01T00:00:00.0000000+00:00")]
    [InlineData("9999-12-31T23:59:59.9999999Z", "9999-12-31T23:59:59.9999999+00:00")]
    public void Reads_the_documented_forms_and_iso_variants(string text, string expected)
    {
        Assert.True(JsonDateTime.TryParse(text, out DateTimeOffset value));
        Assert.Equal(expected, value.ToString("O", CultureInfo.InvariantCulture));
        Assert.Equal(value, JsonDateTime.ParseOrNull(text));
    }

    [Fact]
    public void A_time_without_a_zone_is_utc_and_equals_the_same_time_with_z()
    {
        DateTimeOffset? noZone = JsonDateTime.ParseOrNull("2018-05-09T01:15:24.000000");
        DateTimeOffset? zulu = JsonDateTime.ParseOrNull("2018-05-09T01:15:24Z");
        DateTimeOffset? spaced = JsonDateTime.ParseOrNull("2018-05-09 01:15:24");

        Assert.Equal(TimeSpan.Zero, noZone!.Value.Offset);
        Assert.Equal(new DateTimeOffset(2018, 5, 9, 1, 15, 24, TimeSpan.Zero), zulu);
        Assert.Equal(zulu, noZone);
        Assert.Equal(zulu, spaced);
        Assert.Equal(zulu!.Value.UtcDateTime, JsonDateTime.ParseOrNull("2018-05-09T09:15:24+08:00")!.Value.UtcDateTime);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("0")]
    [InlineData("null")]
    [InlineData("2018-05-09")]
    [InlineData("2018-05-09T")]
    [InlineData("2018-05-09T01")]
    [InlineData("2018-05-09T01:15:")]
    [InlineData("2018-05-09T01:15:24.")]
    [InlineData("2018-05-09T01:15:24.Z")]
    [InlineData("2018-5-9T01:15:24Z")]
    [InlineData("18-05-09T01:15:24Z")]
    [InlineData("2018/05/09 01:15:24")]
    [InlineData("2018-05-09_01:15:24")]
    [InlineData("2018-13-09T01:15:24Z")]
    [InlineData("2018-00-09T01:15:24Z")]
    [InlineData("2018-02-30T01:15:24Z")]
    [InlineData("2023-02-29T01:15:24Z")]
    [InlineData("0000-01-01T00:00:00Z")]
    [InlineData("2018-05-09T24:00:00Z")]
    [InlineData("2018-05-09T01:60:00Z")]
    [InlineData("2018-05-09T01:15:60Z")]
    [InlineData("2018-05-09T01:15:24+15:00")]
    [InlineData("2018-05-09T01:15:24+14:30")]
    [InlineData("2018-05-09T01:15:24+08:60")]
    [InlineData("2018-05-09T01:15:24+8")]
    [InlineData("2018-05-09T01:15:24+08:0")]
    [InlineData("2018-05-09T01:15:24ZZ")]
    [InlineData("2018-05-09T01:15:24Z trailing")]
    [InlineData("2018-05-09T01:15:24 UTC")]
    [InlineData("２０１８-05-09T01:15:24Z")]
    [InlineData("0001-01-01T00:00:00+01:00")]
    [InlineData("9999-12-31T23:59:59-01:00")]
    public void Text_that_is_not_a_date_and_time_reads_null_without_throwing(string text)
    {
        Assert.False(JsonDateTime.TryParse(text, out DateTimeOffset value));
        Assert.Equal(default, value);
        Assert.Null(JsonDateTime.ParseOrNull(text));
    }

    [Fact]
    public void Null_reads_null()
    {
        Assert.Null(JsonDateTime.ParseOrNull(null));
        Assert.Null(JsonDateTime.Format(null));
        Assert.Null(JsonDateTime.FormatUtc((DateTimeOffset?)null));
    }

    [Fact]
    public void Reading_does_not_depend_on_the_current_culture()
    {
        CultureInfo original = CultureInfo.CurrentCulture;
        try
        {
            foreach (string name in new[] { "ar-SA", "th-TH", "fa-IR", "de-DE" })
            {
                CultureInfo.CurrentCulture = new CultureInfo(name);
                Assert.Equal(new DateTimeOffset(2018, 5, 9, 1, 15, 24, 500, TimeSpan.Zero), JsonDateTime.ParseOrNull("2018-05-09T01:15:24.5Z"));
                Assert.Equal("2018-05-09T01:15:24.5Z", JsonDateTime.FormatUtc(new DateTimeOffset(2018, 5, 9, 1, 15, 24, 500, TimeSpan.Zero)));
                Assert.Equal("2018-05-09T01:15:24.5000000+00:00", JsonDateTime.Format(new DateTimeOffset(2018, 5, 9, 1, 15, 24, 500, TimeSpan.Zero)));
            }
        }
        finally
        {
            CultureInfo.CurrentCulture = original;
        }
    }

    [Theory]
    [InlineData(0L, "2018-05-09T01:15:24Z")]
    [InlineData(5_910_000L, "2018-05-09T01:15:24.591Z")]
    [InlineData(1L, "2018-05-09T01:15:24.0000001Z")]
    public void FormatUtc_writes_utc_with_z_and_only_the_fraction_it_has(long fractionTicks, string expected)
    {
        var local = new DateTimeOffset(2018, 5, 9, 9, 15, 24, TimeSpan.FromHours(8)).AddTicks(fractionTicks);
        Assert.Equal(expected, JsonDateTime.FormatUtc(local));
        Assert.Equal(expected, JsonDateTime.FormatUtc((DateTimeOffset?)local));
        Assert.Equal(local, JsonDateTime.ParseOrNull(expected));
    }

    [Fact]
    public void Format_writes_the_round_trip_form_that_reads_back_to_the_same_instant_and_offset()
    {
        var value = new DateTimeOffset(2018, 5, 9, 9, 15, 24, TimeSpan.FromHours(8)).AddTicks(1_234_567);
        string? text = JsonDateTime.Format(value);

        Assert.Equal("2018-05-09T09:15:24.1234567+08:00", text);
        DateTimeOffset? back = JsonDateTime.ParseOrNull(text);
        Assert.Equal(value, back);
        Assert.Equal(value.Offset, back!.Value.Offset);
    }
}
