namespace BmsGen.Runtime.Json;

/// <summary>
/// Selects the constructor of a generated model that leaves every member unset, which only the generated reader
/// calls: it sets the members as they arrive and then checks that the required ones did.
/// </summary>
public readonly struct JsonUnsetMembers
{
}
