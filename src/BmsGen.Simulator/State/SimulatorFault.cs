using System;

namespace BmsGen.Simulator.State;

/// <summary>What went wrong, independent of the API that reports it; <c>Http.ErrorCatalog</c> turns it into each API's status, code and shape.</summary>
internal enum FaultKind
{
    InvalidRequest,
    ServerNotFound,
    JobNotFound,
    FlavorNotFound,
    FlavorNotAllowed,
    SameFlavor,
    QuotaInstances,
    QuotaCores,
    QuotaRam,
    CountOutOfRange,
    AlreadyStopped,
    AlreadyRunning,
    Busy,
    Locked,
    VolumeAlreadyAttached,
    VolumeNotAttached,
    NicNotFound,
    PrimaryNic,
    KeypairNotFound,
    KeypairExists,
    QuotaKeypairs,
    ServerGroupNotFound,
    QuotaServerGroups,
    MetadataItemNotFound,
    TagNotFound,
    ProjectForbidden,
    InvalidMarker,
    NotResized,
}

/// <summary>A refused request: the kind decides the status and code, the message says what and where.</summary>
internal sealed class SimulatorFault : Exception
{
    public SimulatorFault(FaultKind kind, string message)
        : base(message)
    {
        Kind = kind;
    }

    public FaultKind Kind { get; }

    public static SimulatorFault Invalid(string message) => new(FaultKind.InvalidRequest, message);
}
