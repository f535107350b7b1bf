using System;
using BmsGen.Simulator.State;

namespace BmsGen.Simulator.Http;

/// <summary>
/// Maps a refusal to each API's documented status and code: the error-code tables of the Bare Metal Server API
/// Reference (BMS.xxxx) and the Elastic Cloud Server API Reference (Ecs.xxxx), and Nova's fault names.
/// </summary>
internal static class ErrorCatalog
{
    public static ApiError For(ApiFamily family, FaultKind kind, string detail) => family switch
    {
        ApiFamily.Bms => Bms(kind, detail),
        ApiFamily.Ecs or ApiFamily.Iam => Ecs(kind, detail),
        ApiFamily.Nova => Nova(kind, detail),
        _ => throw new ArgumentOutOfRangeException(nameof(family), family, "Unknown API family."),
    };

    private static ApiError Bms(FaultKind kind, string detail) => kind switch
    {
        FaultKind.InvalidRequest => new(400, "BMS.0001", $"Fail to parse request, reason: {detail}."),
        FaultKind.ServerNotFound => new(404, "BMS.0040", $"The server {detail} does not exist."),
        FaultKind.JobNotFound => new(404, "BMS.0001", $"Fail to parse request, reason: the job {detail} does not exist."),
        FaultKind.FlavorNotFound => new(400, "BMS.0008", $"Fail to query flavor [{detail}], reason: the flavor does not exist."),
        FaultKind.FlavorNotAllowed => new(400, "BMS.0021", $"Flavor parameter is illegal, reason: {detail}."),
        FaultKind.SameFlavor => new(400, "BMS.0021", $"Flavor parameter is illegal, reason: the server already has flavor {detail}."),
        FaultKind.QuotaInstances => new(400, "BMS.0025", "The number of cloud servers has reached the maximum allowed. " + detail),
        FaultKind.QuotaCores => new(400, "BMS.0026", "The number of CPU cores used by all cloud servers has reached the maximum allowed. " + detail),
        FaultKind.QuotaRam => new(400, "BMS.0027", "The memory space used by all cloud servers has reached the maximum allowed. " + detail),
        FaultKind.CountOutOfRange => new(400, "BMS.0205", $"The number of baremetal servers is out of range for one quest: {detail}."),
        FaultKind.AlreadyStopped => new(400, "BMS.0039", $"Server is stopped, not allow to stop: {detail}."),
        FaultKind.AlreadyRunning => new(400, "BMS.0038", $"Server is running, not allow to start: {detail}."),
        FaultKind.Busy or FaultKind.Locked or FaultKind.NotResized => new(400, "BMS.0006", $"Fail to operate baremetal server: {detail}."),
        FaultKind.VolumeAlreadyAttached => new(400, "BMS.1009", $"Attach volume {detail} fail, the volume has been attached to a server."),
        FaultKind.VolumeNotAttached => new(400, "BMS.0114", $"Volume is not in server attach volume list: {detail}."),
        FaultKind.NicNotFound => new(400, "BMS.0015", $"Fail to query subnet, reason: {detail}."),
        FaultKind.PrimaryNic => new(400, "BMS.0222", $"primary port can not be deleted: {detail}."),
        FaultKind.KeypairNotFound => new(400, "BMS.0049", $"Query keypair fail, reason is: key pair {detail} does not exist."),
        FaultKind.ProjectForbidden => new(403, "BMS.0033", $"Fail to check roles, reason: {detail}."),
        FaultKind.KeypairExists or FaultKind.QuotaKeypairs or FaultKind.ServerGroupNotFound or FaultKind.QuotaServerGroups
            or FaultKind.MetadataItemNotFound or FaultKind.TagNotFound or FaultKind.InvalidMarker => new(400, "BMS.0001", $"Fail to parse request, reason: {detail}."),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown fault kind."),
    };

    private static ApiError Ecs(FaultKind kind, string detail) => kind switch
    {
        FaultKind.InvalidRequest => new(400, "Ecs.0005", $"request body is illegal: {detail}."),
        FaultKind.ServerNotFound => new(404, "Ecs.0114", $"The ECS does not exist: {detail}."),
        FaultKind.JobNotFound => new(404, "Ecs.0000", $"Request error: the job {detail} does not exist."),
        FaultKind.FlavorNotFound => new(400, "Ecs.0008", $"Invalid flavor attributes: flavor {detail} does not exist."),
        FaultKind.FlavorNotAllowed => new(400, "Ecs.0008", $"Invalid flavor attributes: {detail}."),
        FaultKind.SameFlavor => new(400, "Ecs.0009", $"Another flavor must be used for resizing: the ECS already has flavor {detail}."),
        FaultKind.QuotaInstances or FaultKind.QuotaCores or FaultKind.QuotaRam => new(400, "Ecs.0001", "Insufficient ECS quota. " + detail),
        FaultKind.CountOutOfRange => new(400, "Ecs.0118", $"The number of ECSs exceeds the maximum allowed limit: {detail}."),
        FaultKind.AlreadyStopped or FaultKind.AlreadyRunning or FaultKind.Busy or FaultKind.NotResized
            => new(400, "Ecs.0100", $"The ECS status does not meet requirements: {detail}."),
        FaultKind.Locked => new(400, "Ecs.0605", $"ECS locked: {detail}."),
        FaultKind.VolumeAlreadyAttached => new(400, "Ecs.0103", $"The disk {detail} is not available: it is attached to a server."),
        FaultKind.VolumeNotAttached => new(400, "Ecs.0111", $"The disk is not in the attachment list: {detail}."),
        FaultKind.NicNotFound or FaultKind.PrimaryNic => new(400, "Ecs.0005", $"Invalid parameters: {detail}."),
        FaultKind.KeypairNotFound => new(400, "Ecs.0005", $"Invalid parameters: key pair {detail} does not exist."),
        FaultKind.ServerGroupNotFound => new(404, "Ecs.0005", $"Invalid parameters: server group {detail} does not exist."),
        FaultKind.QuotaServerGroups => new(400, "Ecs.0022", "Insufficient ECS group quota. " + detail),
        FaultKind.ProjectForbidden => new(403, "Ecs.0003", $"You do not have permission to perform this operation: {detail}."),
        FaultKind.KeypairExists or FaultKind.QuotaKeypairs or FaultKind.MetadataItemNotFound or FaultKind.TagNotFound
            or FaultKind.InvalidMarker => new(400, "Ecs.0005", $"Invalid parameters: {detail}."),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown fault kind."),
    };

    private static ApiError Nova(FaultKind kind, string detail) => kind switch
    {
        FaultKind.InvalidRequest => new(400, "badRequest", $"Invalid input for field/attribute: {detail}."),
        FaultKind.ServerNotFound => new(404, "itemNotFound", $"Instance {detail} could not be found."),
        FaultKind.JobNotFound => new(404, "itemNotFound", $"Job {detail} could not be found."),
        FaultKind.FlavorNotFound => new(400, "badRequest", $"Flavor {detail} could not be found."),
        FaultKind.FlavorNotAllowed => new(400, "badRequest", $"Invalid flavor: {detail}."),
        FaultKind.SameFlavor => new(400, "badRequest", "When resizing, instances must change flavor!"),
        FaultKind.QuotaInstances or FaultKind.QuotaCores or FaultKind.QuotaRam or FaultKind.QuotaKeypairs or FaultKind.QuotaServerGroups
            => new(403, "forbidden", detail),
        FaultKind.CountOutOfRange => new(400, "badRequest", $"Invalid min_count/max_count: {detail}."),
        FaultKind.AlreadyStopped => new(409, "conflictingRequest", $"Cannot do this while the instance is stopped: {detail}."),
        FaultKind.AlreadyRunning => new(409, "conflictingRequest", $"Cannot 'os-start' instance {detail} while it is in vm_state active."),
        FaultKind.Busy or FaultKind.NotResized => new(409, "conflictingRequest", $"Cannot do this now: {detail}."),
        FaultKind.Locked => new(409, "conflictingRequest", $"Instance {detail} is locked."),
        FaultKind.VolumeAlreadyAttached => new(400, "badRequest", $"Invalid volume: volume {detail} is already attached."),
        FaultKind.VolumeNotAttached => new(404, "itemNotFound", detail),
        FaultKind.NicNotFound => new(404, "itemNotFound", detail),
        FaultKind.PrimaryNic => new(400, "badRequest", detail),
        FaultKind.KeypairNotFound => new(404, "itemNotFound", $"Keypair {detail} not found."),
        FaultKind.KeypairExists => new(409, "conflictingRequest", $"Key pair '{detail}' already exists."),
        FaultKind.ServerGroupNotFound => new(404, "itemNotFound", $"Server group {detail} could not be found."),
        FaultKind.MetadataItemNotFound => new(404, "itemNotFound", $"Metadata item was not found: {detail}."),
        FaultKind.TagNotFound => new(404, "itemNotFound", $"Tag {detail} not found."),
        FaultKind.ProjectForbidden => new(403, "forbidden", $"Policy doesn't allow this request: {detail}."),
        FaultKind.InvalidMarker => new(400, "badRequest", $"marker [{detail}] not found"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown fault kind."),
    };
}

/// <summary>An error answer: HTTP status, code (or Nova fault name) and message.</summary>
internal readonly record struct ApiError(int Status, string Code, string Message);
