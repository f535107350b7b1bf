using System;
using System.Threading;
using BmsGen.QuickStart;
using BmsGen.Runtime;
using BmsGen.Simulator;

// The quick start: a bare metal server's life through the generated clients, signed with AK/SK.
// Without --endpoint it runs against the embedded simulator (which checks every signature); with
//   --endpoint https://bms.{region}.myhuaweicloud.com --project-id PID --ak AK --sk SK
// (or HUAWEICLOUD_SDK_AK, HUAWEICLOUD_SDK_SK, HUAWEICLOUD_SDK_PROJECT_ID) it walks a real region. Creating a server
// there needs --flavor, --image, --vpc, --subnet and --az too (and --volume to attach a disk); without them the
// walk only reads.
QuickStartOptions settings;
try
{
    settings = QuickStartOptions.Parse(args);
}
catch (FormatException error)
{
    Console.Error.WriteLine(error.Message);
    Console.Error.WriteLine(QuickStartOptions.Usage);
    return 2;
}

BmsSimulator? simulator = null;
if (settings.BmsEndpoint is null)
{
    simulator = await BmsSimulator.StartAsync(new SimulatorOptions { SeedServers = 20 });
    settings = settings.ForSimulator(simulator);
    Console.WriteLine($"Embedded simulator on {simulator.BaseAddress} (BMS, ECS and Nova; AK/SK signatures checked)");
}
else
{
    Console.WriteLine($"Real endpoints: BMS {settings.BmsEndpoint}, ECS and Nova {settings.EcsEndpoint}");
}

try
{
    using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(simulator is null ? 30 : 1));
    await new QuickStartWalk(settings).RunAsync(timeout.Token);
    Console.WriteLine("Quick start finished.");
    return 0;
}
catch (BmsGenApiException error)
{
    Console.Error.WriteLine($"The API refused a request: {error.Message}");
    return 1;
}
finally
{
    if (simulator is not null)
    {
        await simulator.DisposeAsync();
    }
}
