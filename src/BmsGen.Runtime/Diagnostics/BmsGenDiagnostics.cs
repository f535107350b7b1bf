using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace BmsGen.Runtime.Diagnostics;

/// <summary>
/// The names under which clients report: an <see cref="ActivitySource"/> and a <see cref="Meter"/> both called
/// <c>BmsGen</c> (add them to OpenTelemetry with <c>AddSource("BmsGen")</c> and <c>AddMeter("BmsGen")</c>), and the
/// <c>BmsGen</c> logging category prefix.
/// </summary>
public static class BmsGenDiagnostics
{
    /// <summary>The name of the activity source, the meter and the log category.</summary>
    public const string Name = "BmsGen";

    /// <summary>The request-duration histogram, in seconds, tagged with the operation, method and status.</summary>
    public const string RequestDurationInstrument = "bmsgen.client.request.duration";

    /// <summary>One span per call (<see cref="ActivityKind.Client"/>), named after the operation.</summary>
    public static readonly ActivitySource ActivitySource = new(Name, typeof(BmsGenDiagnostics).Assembly.GetName().Version?.ToString());

    /// <summary>The meter of the client instruments.</summary>
    public static readonly Meter Meter = new(Name, typeof(BmsGenDiagnostics).Assembly.GetName().Version?.ToString());

    internal static readonly Histogram<double> RequestDuration = Meter.CreateHistogram<double>(
        RequestDurationInstrument, "s", "Duration of BmsGen client calls, retries and the response body included.");
}
