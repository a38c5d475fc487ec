// Brings field names in line with the naming rules of the repository's .editorconfig (the build reports IDE1006 as an
// error; `dotnet format` cannot fix it because the naming fix does not support "fix all"). Roslyn's renamer changes the
// field and every reference to it, never a local or a parameter that happens to share its name.
//   dotnet run --project tools/FieldNaming -c Release -- [MLPrimer.slnx] [--check]
// --check lists what it would change and exits 1 if anything would change; nothing is written.
// Rules (the same as .editorconfig): constants, static readonly fields and fields other types can see (public, internal,
// protected) are PascalCase; private fields (instance and mutable static) are _camelCase.
// Two more things it does, so that merged code keeps the conventions too:
//  - a field of a TorchSharp module that RegisterComponents registers (a submodule, parameter or buffer) keeps its
//    state_dict name: the rename adds [TorchSharp.Utils.ComponentName(Name = "old")], so saved weights still load;
//  - a private `object` field used only by lock statements becomes a System.Threading.Lock.
// Before writing, it compiles every project and refuses to write if the changes add a compiler error.
return await FieldNaming.Fixer.RunAsync(args);
